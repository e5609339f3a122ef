package dev.safesend.consent.domain;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumbersTest {

    @Test
    void aNumberWithItsCountryCodeIsNormalisedToE164WithItsRegion() {
        assertThat(PhoneNumbers.normalise("+263 77 123 4567", null)).isEqualTo(new PhoneNumbers.PhoneNumber("+263771234567", "ZW"));
        assertThat(PhoneNumbers.normalise("00351 912 345 678", null).e164()).isEqualTo("+351912345678");
        assertThat(PhoneNumbers.normalise("+55 (11) 96123-4567", null).region()).isEqualTo("BR");
    }

    @Test
    void aNationalNumberNeedsADefaultRegion() {
        assertThatThrownBy(() -> PhoneNumbers.normalise("0771234567", null))
                .isInstanceOf(InvalidPhoneNumberException.class).hasMessageContaining("no country code");
        assertThat(PhoneNumbers.normalise("0771234567", "zw").e164()).isEqualTo("+263771234567");
    }

    @Test
    void whatCannotBeNormalisedIsRejectedWithTheReason() {
        assertThatThrownBy(() -> PhoneNumbers.normalise("+26377", null))
                .isInstanceOf(InvalidPhoneNumberException.class).satisfies(e ->
                        assertThat(((InvalidPhoneNumberException) e).code()).isEqualTo("too_short"));
        assertThatThrownBy(() -> PhoneNumbers.normalise("call me", null)).isInstanceOf(InvalidPhoneNumberException.class);
        assertThatThrownBy(() -> PhoneNumbers.normalise("+999 123456789", null)).isInstanceOf(InvalidPhoneNumberException.class);
    }

    @Test
    void aNumberAlreadyInE164IsReadExactlyAsLibphonenumbersFullParseReadsIt() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        List<Phonenumber.PhoneNumber> examples = new ArrayList<>();
        for (String region : util.getSupportedRegions()) {
            for (PhoneNumberUtil.PhoneNumberType type : PhoneNumberUtil.PhoneNumberType.values()) {
                examples.add(util.getExampleNumberForType(region, type));
            }
        }
        for (int code : util.getSupportedGlobalNetworkCallingCodes()) {
            examples.add(util.getExampleNumberForNonGeoEntity(code));
        }
        // valid as written, but the full parse strips Belarus' national prefix 8 and finds it invalid: must be rejected
        List<String> candidates = new ArrayList<>(List.of("+3758100951643", "+3758105764173"));
        for (Phonenumber.PhoneNumber example : examples) {
            if (example == null) {
                continue;
            }
            String cc = "+" + example.getCountryCode();
            String nsn = util.getNationalSignificantNumber(example);
            // the number, one digit more or less, another last digit, and with a national prefix or a 0 or 1 in front
            candidates.addAll(List.of(cc + nsn, cc + nsn + "7", cc + nsn.substring(0, nsn.length() - 1),
                    cc + nsn.substring(0, nsn.length() - 1) + (nsn.charAt(nsn.length() - 1) == '9' ? '0' : '9'),
                    cc + "0" + nsn, cc + "1" + nsn, cc + "15" + nsn, cc + "9" + nsn));
        }
        int fast = 0;
        for (String candidate : candidates) {
            PhoneNumbers.PhoneNumber quick = PhoneNumbers.validE164(candidate);
            Object full = outcome(() -> PhoneNumbers.parse(candidate, candidate, null));
            if (quick != null) {
                fast++;
                assertThat(quick).as(candidate).isEqualTo(full);
            }
            assertThat(outcome(() -> PhoneNumbers.normalise(candidate, null))).as(candidate).isEqualTo(full);
            assertThat(outcome(() -> PhoneNumbers.normalise(candidate, "ZW"))).as(candidate).isEqualTo(full);
        }
        assertThat(fast).as("numbers read without the full parse").isGreaterThan(candidates.size() / 4);
        assertThat(PhoneNumbers.validE164("+263771234567")).isEqualTo(new PhoneNumbers.PhoneNumber("+263771234567", "ZW"));
    }

    @Test
    void theSaltedHashIsHmacSha256OfTheNumberWhateverTheSaltsLength() throws Exception {
        for (String salt : List.of("a-salt-of-sixteen-chars", "x".repeat(64), "ü-a-salt-longer-than-one-sha256-block-".repeat(3))) {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(salt.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            PhoneHasher hasher = new PhoneHasher(salt);
            for (String phone : List.of("+263771234567", "+1", "+" + "9".repeat(80))) {
                String expected = java.util.HexFormat.of().formatHex(mac.doFinal(phone.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                assertThat(hasher.hash(phone)).as(salt + " " + phone).isEqualTo(expected);
            }
        }
    }

    /** The normalised number, or the rejection's code and message. */
    private static Object outcome(java.util.function.Supplier<PhoneNumbers.PhoneNumber> normalise) {
        try {
            return normalise.get();
        } catch (InvalidPhoneNumberException e) {
            return e.code() + ": " + e.getMessage();
        }
    }

    @Test
    void metasWaIdWithoutAPlusIsReadAsE164() {
        assertThat(PhoneNumbers.normalise("263771234567").e164()).isEqualTo("+263771234567");
    }

    @Test
    void logsSeeOnlyAMaskedNumberAndTheSuppressionListOnlyASaltedHash() {
        assertThat(Masking.phone("+263771234567")).isEqualTo("+26377****567");
        PhoneHasher hasher = new PhoneHasher("a-salt-of-sixteen-chars");
        assertThat(hasher.hash("+263771234567")).hasSize(64).isEqualTo(hasher.hash("+263771234567"))
                .isNotEqualTo(new PhoneHasher("another-salt-16-chars").hash("+263771234567"))
                .doesNotContain("263771234567");
    }
}
