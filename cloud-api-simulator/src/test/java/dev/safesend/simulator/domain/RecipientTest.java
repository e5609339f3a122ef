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

    @Test
    void bsuidIsReadAsAUserIdWithoutAPhone() {
        assertThat(Recipient.parseUserId(" BR.8812093371 ")).hasValueSatisfying(recipient -> {
            assertThat(recipient.isUserId()).isTrue();
            assertThat(recipient.userId()).isEqualTo("BR.8812093371");
            assertThat(recipient.waId()).isNull();
        });
        assertThat(Recipient.parseUserId("+5511987654321")).isEmpty();
    }

    @Test
    void anyIdIsABsuidOrAPhoneNumber() {
        assertThat(Recipient.parseAny("BR.8812093371")).hasValueSatisfying(r -> assertThat(r.isUserId()).isTrue());
        assertThat(Recipient.parseAny("+5511987654321")).hasValueSatisfying(r -> assertThat(r.waId()).isEqualTo("5511987654321"));
        assertThat(Recipient.parseAny("ana.k")).isEmpty();
    }

    @Test
    void maskedBsuidKeepsRegionAndLastTwoCharacters() {
        assertThat(Recipient.parseUserId("BR.8812093371").orElseThrow().masked()).isEqualTo("BR.88****71");
    }
}
