package dev.safesend.analytics.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContactSegmentTest {

    @Test
    void aPhoneFallsInItsCountryItsAreaAndItsLineType() {
        assertThat(ContactSegment.of("+263771234567", ContactSegment.By.COUNTRY)).isEqualTo("ZW");
        assertThat(ContactSegment.of("+263771234567", ContactSegment.By.TYPE)).isEqualTo("MOBILE");
        assertThat(ContactSegment.of("+442079460000", ContactSegment.By.REGION)).isEqualTo("London");
        assertThat(ContactSegment.of("+442079460000", ContactSegment.By.COUNTRY)).isEqualTo("GB");
    }

    @Test
    void aBsuidFallsInItsRegionPrefixAndIsItsOwnType() {
        assertThat(ContactSegment.of("BR.8812345671", ContactSegment.By.COUNTRY)).isEqualTo("BR");
        assertThat(ContactSegment.of("BR.8812345671", ContactSegment.By.REGION)).isEqualTo("BR");
        assertThat(ContactSegment.of("BR.8812345671", ContactSegment.By.TYPE)).isEqualTo("BSUID");
    }

    @Test
    void whatIsNotAnAddressIsUnknownAndTheDimensionIsReadLoosely() {
        assertThat(ContactSegment.of("hello", ContactSegment.By.COUNTRY)).isEqualTo(ContactSegment.UNKNOWN);
        assertThat(ContactSegment.By.parse(" Region ")).isEqualTo(ContactSegment.By.REGION);
        assertThat(ContactSegment.By.parse("city")).isNull();
    }
}
