package dev.safesend.healthmonitor.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateHoldTest {

    @Test
    void aPausedDisabledOrRedTemplateIsHeldAndAReinstatedOneIsNot() {
        TemplateHold t = new TemplateHold("100000000000001", "course_offer", "en", "APPROVED", "GREEN");
        assertThat(t.reason()).isNull();
        assertThat(t.withStatus("PAUSED").reason()).isEqualTo("TEMPLATE_PAUSED");
        assertThat(t.withStatus("DISABLED").reason()).isEqualTo("TEMPLATE_DISABLED");
        assertThat(t.withQuality("RED").reason()).isEqualTo("TEMPLATE_QUALITY_RED");
        assertThat(t.withStatus("PAUSED").withStatus("APPROVED").reason()).isNull();
    }

    @Test
    void metasLimitNamesBecomeTheTiersDispatchReads() {
        assertThat(MessagingTier.normalise("TIER_1K")).isEqualTo("TIER_2K");
        assertThat(MessagingTier.normalise("tier_10k")).isEqualTo("TIER_10K");
        assertThat(MessagingTier.normalise("UNLIMITED")).isEqualTo("TIER_UNLIMITED");
        assertThat(MessagingTier.normalise("NOT_SET")).isNull();
        assertThat(MessagingTier.limit("TIER_2K")).isEqualTo(2_000L);
        assertThat(MessagingTier.limit("TIER_UNLIMITED")).isNull();
    }
}
