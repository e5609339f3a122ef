package dev.safesend.ingest.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MessagingTierTest {

    @ParameterizedTest
    @CsvSource({"250,TIER_250", "2000,TIER_2K", "10000,TIER_10K", "100000,TIER_100K", "-1,TIER_UNLIMITED",
            "TIER_2K,TIER_2K", "TIER_UNLIMITED,TIER_UNLIMITED", "TIER_1K,TIER_1K", "TIER_NOT_SET,TIER_NOT_SET"})
    void metasIntegerLimitsAreNamedAndTierNamesAreKept(String raw, String tier) {
        assertThat(MessagingTier.of(raw)).isEqualTo(tier);
    }
}
