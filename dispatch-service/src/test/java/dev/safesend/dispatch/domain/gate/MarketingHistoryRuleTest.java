package dev.safesend.dispatch.domain.gate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarketingHistoryRuleTest {

    private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");

    private final MarketingHistoryRule rule = new MarketingHistoryRule(2, Duration.ofDays(30));

    private static GateInput.PastMarketingSend sent(Duration ago, String hash) {
        return new GateInput.PastMarketingSend(NOON.minus(ago), hash);
    }

    @Test
    void thoseWithoutHistoryOrWithOtherContentOnceTodayPass() {
        assertThat(rule.decide("hash-a", List.of(), NOON)).isEmpty();
        assertThat(rule.decide("hash-a", null, NOON)).isEmpty();
        assertThat(rule.decide("hash-a", List.of(sent(Duration.ofHours(1), "hash-b")), NOON)).isEmpty();
    }

    @Test
    void theSameContentWithinTheWindowIsSuppressedAndAfterItPasses() {
        assertThat(rule.decide("hash-a", List.of(sent(Duration.ofDays(29), "hash-a")), NOON)).contains(
                new GateDecision.Stop(GateDecision.Outcome.SUPPRESSED, MarketingHistoryRule.IDENTICAL_CONTENT));
        assertThat(rule.decide("hash-a", List.of(sent(Duration.ofDays(30), "hash-a")), NOON)).isEmpty();
        assertThat(rule.decide(null, List.of(sent(Duration.ofDays(1), null)), NOON)).as("no digest, no identical check").isEmpty();
    }

    @Test
    void identicalContentWinsOverTheCapBecauseItIsFinal() {
        var history = List.of(sent(Duration.ofHours(2), "hash-a"), sent(Duration.ofHours(1), "hash-b"));
        assertThat(rule.decide("hash-a", history, NOON)).contains(
                new GateDecision.Stop(GateDecision.Outcome.SUPPRESSED, MarketingHistoryRule.IDENTICAL_CONTENT));
    }

    @Test
    void theCapDefersUntilTheOldestOfTheLastSendsPerDayIsADayOld() {
        var history = List.of(sent(Duration.ofHours(3), "y"), sent(Duration.ofHours(20), "x"), sent(Duration.ofHours(30), "w"));
        assertThat(rule.decide("z", history, NOON)).contains(
                new GateDecision.Defer(NOON.plus(Duration.ofHours(4)), MarketingHistoryRule.FREQUENCY_CAP));
        var three = List.of(sent(Duration.ofHours(1), "a"), sent(Duration.ofHours(2), "b"), sent(Duration.ofHours(23), "c"));
        assertThat(rule.decide("z", three, NOON)).as("the last two of three: free when the second oldest is a day old")
                .contains(new GateDecision.Defer(NOON.plus(Duration.ofHours(22)), MarketingHistoryRule.FREQUENCY_CAP));
        assertThat(rule.decide("z", List.of(sent(Duration.ofHours(1), "a"), sent(Duration.ofHours(24), "b")), NOON))
                .as("a send exactly a day old no longer counts").isEmpty();
    }

    @Test
    void theLookbackCoversTheLongerOfTheContentWindowAndADay() {
        assertThat(rule.lookback()).isEqualTo(Duration.ofDays(30));
        assertThat(new MarketingHistoryRule(2, Duration.ofHours(6)).lookback()).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> new MarketingHistoryRule(0, Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theGateAppliesTheSameRuleToMarketingOnly() {
        DispatchGate gate = DispatchGate.defaults();
        var history = List.of(sent(Duration.ofDays(2), "hash-a"), sent(Duration.ofHours(3), "x"), sent(Duration.ofHours(20), "y"));
        for (String hash : List.of("hash-a", "hash-b")) {
            var marketing = new GateInput.Message("m", "+263771234567", "MARKETING", false, hash, NOON.plusSeconds(600), null);
            var in = new GateInput(marketing, GateInput.CampaignState.NONE, GateInput.LedgerState.NONE,
                    GateInput.ConsentState.OPTED_IN, null, null, history, GateInput.SenderState.active(), GateInput.Budget.unlimited());
            assertThat(gate.decide(in, NOON)).isEqualTo(gate.marketingHistory().decide(hash, history, NOON).orElseThrow());
            var utility = new GateInput(new GateInput.Message("m", "+263771234567", "UTILITY", false, hash, NOON.plusSeconds(600), null),
                    in.campaign(), in.ledger(), in.consent(), null, null, history, in.sender(), in.budget());
            assertThat(gate.decide(utility, NOON)).isInstanceOf(GateDecision.Send.class);
        }
    }
}
