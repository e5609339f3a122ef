package dev.safesend.servicekit.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AddressesTest {

    @Test
    void aPhoneKeepsItsPrefixAndLastThreeDigitsAndABsuidItsRegion() {
        assertThat(Addresses.mask("+263771234123")).isEqualTo("+26377****123");
        assertThat(Addresses.mask("BR.8812093371")).isEqualTo("BR.88****71");
        assertThat(Addresses.mask("+2637")).isEqualTo("****");
        assertThat(Addresses.mask(null)).isEqualTo("****");
    }
}
