package dev.safesend.consent.domain;

import org.junit.jupiter.api.Test;

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
