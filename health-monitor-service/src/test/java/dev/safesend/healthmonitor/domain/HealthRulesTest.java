package dev.safesend.healthmonitor.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HealthRulesTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private final HealthRules rules = HealthRules.defaults();

    private static Rates rates(long delivered, long optOuts) {
        return new Rates(delivered, delivered, 1, 0.5, 0.1, delivered == 0 ? 0 : (double) optOuts / delivered, 0, 0);
    }

    private static SenderFacts facts(Rates rates) {
        return new SenderFacts(rates, null, "GREEN", null, null, null, null, false, List.of(), null);
    }

    private static SenderFacts quality(String q) {
        return new SenderFacts(rates(0, 0), null, q, null, null, null, null, false, List.of(), null);
    }

    private SenderCondition step(SenderCondition c, SenderFacts f, Instant now) {
        return rules.next(c, rules.assess(f, c, now), now);
    }

    @Test
    void optOutsOverFiveInTenThousandDeliveredThrottleMarketingToSevenTenths() {
        SenderCondition c = step(SenderCondition.healthy(T0), facts(rates(10_000, 6)), T0);
        assertThat(c.state()).isEqualTo(HealthState.WARNING);
        assertThat(c.factor()).isEqualTo(0.7);
        assertThat(c.reasons()).containsExactly("OPT_OUT_WARNING");
    }

    @Test
    void optOutsOverOneInAThousandDeliveredPauseMarketingForTwoHours() {
        SenderCondition c = step(SenderCondition.healthy(T0), facts(rates(10_000, 11)), T0);
        assertThat(c.state()).isEqualTo(HealthState.CRITICAL);
        assertThat(c.factor()).isZero();
        assertThat(c.holdUntil()).isEqualTo(T0.plus(Duration.ofHours(2)));
        // the rate falls back at once, but the pause lasts its two hours before the first step
        SenderCondition later = step(c, facts(rates(20_000, 1)), T0.plus(Duration.ofMinutes(45)));
        assertThat(later.state()).isEqualTo(HealthState.CRITICAL);
        assertThat(later.until()).isEqualTo(T0.plus(Duration.ofHours(2)));
    }

    @Test
    void ratesAreNotJudgedBeforeEnoughMessagesWereDelivered() {
        SenderCondition c = step(SenderCondition.healthy(T0), facts(rates(999, 5)), T0);
        assertThat(c.state()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void aRateHoveringJustUnderTheLineKeepsThePauseUntilItFallsBelowTheHysteresis() {
        SenderCondition paused = step(SenderCondition.healthy(T0), facts(rates(10_000, 11)), T0);
        // 0.09%: under the 0.1% line but over 0.08% (0.8 × the line): still the same cause
        SenderCondition c = step(paused, facts(rates(10_000, 9)), T0.plus(Duration.ofHours(3)));
        assertThat(c.reasons()).containsExactly("OPT_OUT_RATE");
        assertThat(c.factor()).isZero();
        // without hysteresis the same rate would only warn
        SenderCondition fresh = step(SenderCondition.healthy(T0), facts(rates(10_000, 9)), T0);
        assertThat(fresh.reasons()).containsExactly("OPT_OUT_WARNING");
    }

    @Test
    void recoveryClimbsThroughHalfAndSevenTenthsToFullOneStepPerClearPeriod() {
        SenderCondition c = step(SenderCondition.healthy(T0), quality("RED"), T0);
        assertThat(c.state()).isEqualTo(HealthState.CRITICAL);
        Instant t = T0.plusSeconds(60);
        c = step(c, quality("GREEN"), t);
        assertThat(c.factor()).as("cleared, but not for 30 minutes yet").isZero();
        assertThat(c.until()).isEqualTo(t.plus(Duration.ofMinutes(30)));
        c = step(c, quality("GREEN"), t.plus(Duration.ofMinutes(29)));
        assertThat(c.factor()).isZero();
        c = step(c, quality("GREEN"), t.plus(Duration.ofMinutes(30)));
        assertThat(c.factor()).isEqualTo(0.5);
        assertThat(c.state()).isEqualTo(HealthState.WARNING);
        assertThat(c.reasons()).containsExactly(HealthRules.RECOVERING);
        c = step(c, quality("GREEN"), t.plus(Duration.ofMinutes(45)));
        assertThat(c.factor()).isEqualTo(0.5);
        c = step(c, quality("GREEN"), t.plus(Duration.ofMinutes(60)));
        assertThat(c.factor()).isEqualTo(0.7);
        c = step(c, quality("GREEN"), t.plus(Duration.ofMinutes(90)));
        assertThat(c.factor()).isEqualTo(1.0);
        assertThat(c.state()).isEqualTo(HealthState.HEALTHY);
        assertThat(c.reasons()).isEmpty();
        assertThat(c.until()).isNull();
    }

    @Test
    void aCauseReturningDuringRecoveryDropsTheFactorAtOnceAndRestartsTheClock() {
        SenderCondition c = step(SenderCondition.healthy(T0), quality("RED"), T0);
        c = step(c, quality("GREEN"), T0.plusSeconds(1));
        c = step(c, quality("GREEN"), T0.plus(Duration.ofMinutes(31)));
        assertThat(c.factor()).isEqualTo(0.5);
        c = step(c, quality("YELLOW"), T0.plus(Duration.ofMinutes(32)));
        assertThat(c.factor()).as("YELLOW asks 0.7, above 0.5: no drop").isEqualTo(0.5);
        c = step(c, quality("RED"), T0.plus(Duration.ofMinutes(33)));
        assertThat(c.factor()).isZero();
        c = step(c, quality("GREEN"), T0.plus(Duration.ofMinutes(34)));
        assertThat(c.factor()).isZero();
        assertThat(c.until()).isEqualTo(T0.plus(Duration.ofMinutes(64)));
    }

    @Test
    void yellowQualityThrottlesAndRedOrFlaggedPausesMarketing() {
        assertThat(step(SenderCondition.healthy(T0), quality("YELLOW"), T0).factor()).isEqualTo(0.7);
        assertThat(step(SenderCondition.healthy(T0), quality("RED"), T0).state()).isEqualTo(HealthState.CRITICAL);
        assertThat(step(SenderCondition.healthy(T0), quality("FLAGGED"), T0).reasons()).containsExactly("QUALITY_FLAGGED");
    }

    @Test
    void anAccountRestrictionOrA131048PausesMarketingUntilItEnds() {
        SenderFacts restricted = new SenderFacts(rates(0, 0), null, "GREEN", T0.plus(Duration.ofHours(5)), null, null, null,
                false, List.of(), null);
        SenderCondition c = step(SenderCondition.healthy(T0), restricted, T0);
        assertThat(c.reasons()).containsExactly("ACCOUNT_RESTRICTION");
        assertThat(c.state()).isEqualTo(HealthState.CRITICAL);
        SenderFacts spam = new SenderFacts(rates(0, 0), null, "GREEN", null, T0, null, null, false, List.of(), null);
        SenderCondition s = step(SenderCondition.healthy(T0), spam, T0.plusSeconds(5));
        assertThat(s.reasons()).containsExactly("ERROR_131048");
        assertThat(step(s, spam, T0.plus(Duration.ofHours(23))).factor()).isZero();
        SenderCondition after = step(s, spam, T0.plus(Duration.ofHours(24)));
        assertThat(after.reasons()).as("the 131048 is a day old: the cause is clear, recovery starts")
                .containsExactly(HealthRules.RECOVERING);
    }

    @Test
    void a368StopsTheWholeNumberAndAnOperatorPauseToo() {
        SenderFacts blocked = new SenderFacts(rates(0, 0), null, "GREEN", null, null, T0, "368", false, List.of(), null);
        SenderCondition c = step(SenderCondition.healthy(T0), blocked, T0);
        assertThat(c.state()).isEqualTo(HealthState.PAUSED);
        assertThat(c.reasons()).containsExactly("META_368");
        SenderFacts manual = new SenderFacts(rates(0, 0), null, "GREEN", null, null, null, null, false, List.of(), "complaints");
        assertThat(step(SenderCondition.healthy(T0), manual, T0).reasons()).containsExactly(HealthRules.MANUAL);
    }

    @Test
    void anOperatorsResumeGoesStraightToWhatTheSignalsAllow() {
        SenderFacts manual = new SenderFacts(rates(0, 0), null, "GREEN", null, null, null, null, false, List.of(), "complaints");
        SenderCondition paused = step(SenderCondition.healthy(T0), manual, T0);
        SenderCondition resumed = step(paused, quality("GREEN"), T0.plusSeconds(10));
        assertThat(resumed.state()).isEqualTo(HealthState.HEALTHY);
        assertThat(resumed.factor()).isEqualTo(1.0);
    }

    @Test
    void aPolicyStopRecoversStepwiseOnceItsTimeHasPassed() {
        SenderFacts blocked = new SenderFacts(rates(0, 0), null, "GREEN", null, null, T0, "131031", false, List.of(), null);
        SenderCondition c = step(SenderCondition.healthy(T0), blocked, T0);
        c = step(c, blocked, T0.plus(Duration.ofHours(24)));
        assertThat(c.state()).as("the block is over, recovery starts from nothing").isEqualTo(HealthState.CRITICAL);
        c = step(c, blocked, T0.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(30)));
        assertThat(c.factor()).isEqualTo(0.5);
    }

    @Test
    void anotherNumberOfThePortfolioHeldByItsOwnCauseHoldsThisOnesMarketing() {
        SenderFacts f = new SenderFacts(rates(0, 0), null, "GREEN", null, null, null, null, false, List.of("+263770000001"), null);
        SenderCondition c = step(SenderCondition.healthy(T0), f, T0);
        assertThat(c.state()).isEqualTo(HealthState.CRITICAL);
        assertThat(c.reasons()).containsExactly("PORTFOLIO");
    }

    @Test
    void thePortfoliosOptOutRateCountsEvenWhenEachNumberAloneIsUnderTheLine() {
        SenderFacts f = new SenderFacts(rates(900, 1), rates(9_000, 12), "GREEN", null, null, null, null, false, List.of(), null);
        SenderCondition c = step(SenderCondition.healthy(T0), f, T0);
        assertThat(c.reasons()).containsExactly("PORTFOLIO_OPT_OUT_RATE");
    }
}
