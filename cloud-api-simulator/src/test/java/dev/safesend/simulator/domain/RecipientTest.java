package dev.safesend.simulator.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientTest {

    @Test
    void waIdIsTheDigitsWithoutPlusOrSeparators() {
        assertThat(Recipient.parse("+263 77-123 4567")).hasValueSatisfying(recipient -> {
            assertThat(recipient.waId()).isEqualTo("263771234567");
            assertThat(recipient.input()).isEqualTo("+263 77-123 4567");
        });
    }

    @Test
    void lettersAndTooShortNumbersAreNotPhoneNumbers() {
        assertThat(Recipient.parse("+26377abc")).isEmpty();
        assertThat(Recipient.parse("12345")).isEmpty();
        assertThat(Recipient.parse(null)).isEmpty();
    }

    @Test
    void maskedNumberKeepsCountryPrefixAndLastThreeDigits() {
        assertThat(Recipient.parse("+263771234567").orElseThrow().masked()).isEqualTo("+26377****567");
    }
}
