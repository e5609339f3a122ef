package dev.safesend.simulator.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LibphonenumberRegionsTest {

    private final LibphonenumberRegions regions = new LibphonenumberRegions();

    @Test
    void regionIsWhereTheNumberIsValid() {
        assertThat(regions.regionOf("5511987654321")).isEqualTo("BR");
        assertThat(regions.regionOf("263771234567")).isEqualTo("ZW");
        assertThat(regions.regionOf("14165550123")).isEqualTo("CA");
    }

    @Test
    void invalidNumberTakesTheMainRegionOfItsCountryCode() {
        assertThat(regions.regionOf("15550783881")).isEqualTo("US");
        assertThat(regions.regionOf("4412")).isEqualTo("GB");
    }

    @Test
    void nonGeographicAndUnparseableNumbersFallBackToUs() {
        assertThat(regions.regionOf("80012345678")).isEqualTo("US");
        assertThat(regions.regionOf("999123456")).isEqualTo("US");
        assertThat(regions.regionOf("")).isEqualTo("US");
    }
}
