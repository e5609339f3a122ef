package dev.safesend.dispatch.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SenderHealthTest {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    private static SenderHealth decision(String state, double factor, String tier) {
        return new SenderHealth("110000000000001", state, factor, List.of(), null, AT, null, null, null, tier, List.of());
    }

    private static Sender registeredWithLimit(Long limit) {
        return new Sender("110000000000001", "100000000000001", "+15550000001", "school", "main", 80, "portfolio-1", limit, null,
                List.of(), LocalTime.of(21, 0), LocalTime.of(8, 0), Sender.State.ACTIVE, null, null, null);
    }

    @Test
    void theThrottleFactorScalesTheRateInEveryState() {
        for (String state : List.of("HEALTHY", "WARNING", "THROTTLED", "CRITICAL", "PAUSED")) {
            assertThat(decision(state, 0.5, null).rateFactor()).as(state).isEqualTo(0.5);
        }
    }

    @Test
    void aDecisionThatHoldsMarketingWithAZeroFactorLeavesUtilityAtTheFullRate() {
        assertThat(decision("CRITICAL", 0.0, null).rateFactor()).isEqualTo(1.0);
        assertThat(decision("PAUSED", 0.0, null).rateFactor()).isEqualTo(1.0);
        assertThat(decision("CRITICAL", 0.5, null).rateFactor()).isEqualTo(0.5);
    }

    @Test
    void theThrottleFactorIsClampedBetweenOnePercentAndTheFullRate() {
        assertThat(decision("WARNING", 0.0, null).rateFactor()).isEqualTo(0.01);
        assertThat(decision("WARNING", -3, null).rateFactor()).isEqualTo(0.01);
        assertThat(decision("HEALTHY", 1.7, null).rateFactor()).isEqualTo(1.0);
        assertThat(decision("HEALTHY", Double.NaN, null).rateFactor()).isEqualTo(0.01);
    }

    @Test
    void theMessagingTierReplacesTheRegistrysPortfolioLimit() {
        Sender registered = registeredWithLimit(2_000L);
        assertThat(registered.portfolioLimitUnder(decision("HEALTHY", 1, "TIER_250"))).isEqualTo(250L);
        assertThat(registered.portfolioLimitUnder(decision("HEALTHY", 1, "TIER_2K"))).isEqualTo(2_000L);
        assertThat(registered.portfolioLimitUnder(decision("HEALTHY", 1, "TIER_10K"))).isEqualTo(10_000L);
        assertThat(registered.portfolioLimitUnder(decision("HEALTHY", 1, "TIER_100K"))).isEqualTo(100_000L);
        assertThat(registered.portfolioLimitUnder(decision("HEALTHY", 1, "TIER_UNLIMITED"))).as("unlimited").isNull();
        assertThat(registeredWithLimit(null).portfolioLimitUnder(decision("HEALTHY", 1, "TIER_250"))).isEqualTo(250L);
    }

    @Test
    void withoutATierItKnowsTheRegistrysLimitApplies() {
        Sender registered = registeredWithLimit(2_000L);
        assertThat(registered.portfolioLimitUnder(decision("HEALTHY", 1, null))).isEqualTo(2_000L);
        assertThat(registered.portfolioLimitUnder(decision("HEALTHY", 1, "TIER_1K"))).as("a tier dispatch does not know").isEqualTo(2_000L);
        assertThat(registered.portfolioLimitUnder(null)).as("no decision received").isEqualTo(2_000L);
    }

    @Test
    void aFreeFormMessageIsNeverHeldForATemplate() {
        SenderHealth h = new SenderHealth("1", "HEALTHY", 1, List.of(), null, AT, null, null, null, null,
                List.of(new SenderHealth.HeldTemplate("spring_sale", null, "TEMPLATE_PAUSED")));
        assertThat(h.heldTemplate(null, null)).isEmpty();
        assertThat(h.heldTemplate("spring_sale", "EN_us")).isPresent();
        assertThat(h.heldTemplate("Spring_Sale", "en_US")).as("names are exact").isEmpty();
    }

    @Test
    void onlyADecisionNamingTheFailureAcknowledgesDispatchsOwnPause() {
        SenderHealth spam = new SenderHealth("1", "CRITICAL", 0, java.util.List.of("ERROR_131048"), null, AT);
        SenderHealth blocked = new SenderHealth("1", "PAUSED", 0, java.util.List.of("META_368"), null, AT);
        SenderHealth healthy = new SenderHealth("1", "HEALTHY", 1, java.util.List.of(), null, AT);
        org.assertj.core.api.Assertions.assertThat(spam.acknowledges("META_131048: Spam rate limit hit")).isTrue();
        org.assertj.core.api.Assertions.assertThat(blocked.acknowledges("META_368: Temporarily blocked")).isTrue();
        org.assertj.core.api.Assertions.assertThat(healthy.acknowledges("META_131048: Spam rate limit hit")).isFalse();
        org.assertj.core.api.Assertions.assertThat(spam.acknowledges("META_368: Temporarily blocked")).isFalse();
        org.assertj.core.api.Assertions.assertThat(spam.acknowledges(null)).isFalse();
    }
}
