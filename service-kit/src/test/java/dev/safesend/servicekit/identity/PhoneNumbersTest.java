package dev.safesend.servicekit.identity;

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
    void anAddressIsE164OnlyWithItsCountryCodeAndWhenItIsAValidNumber() {
        assertThat(PhoneNumbers.toE164(" +263 77 123 4567 ")).contains("+263771234567");
        assertThat(PhoneNumbers.toE164("+263771234567")).contains("+263771234567");
        assertThat(PhoneNumbers.toE164("263771234567")).isEmpty();      // no +: a wa_id goes through fromWaId first
        assertThat(PhoneNumbers.toE164("00263771234567")).isEmpty();
        assertThat(PhoneNumbers.toE164("+2637712")).isEmpty();           // too short for Zimbabwe
        assertThat(PhoneNumbers.toE164("+ZW.1234567890")).isEmpty();
        assertThat(PhoneNumbers.toE164(null)).isEmpty();
        assertThat(PhoneNumbers.fromWaId("263771234567")).isEqualTo("+263771234567");
        assertThat(PhoneNumbers.fromWaId("+263771234567")).isEqualTo("+263771234567");
        assertThat(PhoneNumbers.fromWaId(null)).isNull();
    }
}
