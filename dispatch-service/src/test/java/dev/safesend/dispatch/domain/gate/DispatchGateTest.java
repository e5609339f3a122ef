package dev.safesend.dispatch.domain.gate;

import dev.safesend.dispatch.domain.SenderHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchGateTest {

    // 12:00 UTC = 14:00 in Harare: outside quiet hours for +263 numbers
    private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");
    private static final String HARARE = "+263771234567";

    private final DispatchGate gate = DispatchGate.defaults();

    private static GateInput.Message template(String category) {
        return new GateInput.Message("m-1", HARARE, category, false, "hash-a", NOON.plusSeconds(600), null);
    }

    private static GateInput input(GateInput.Message m) {
        return new GateInput(m, GateInput.CampaignState.NONE, GateInput.LedgerState.NONE, GateInput.ConsentState.OPTED_IN,
                null, null, List.of(), GateInput.SenderState.active(), GateInput.Budget.unlimited());
    }

    private GateDecision decide(GateInput in) {
        return gate.decide(in, NOON);
    }

    private static GateInput with(GateInput in, GateInput.ConsentState consent) {
        return new GateInput(in.message(), in.campaign(), in.ledger(), consent, in.lastInboundFromRecipient(),
                in.lastSentToRecipient(), in.marketingLast30Days(), in.sender(), in.budget());
    }

    @Test
    void aMessageThatPassesEveryRuleIsSent() {
        assertThat(decide(input(template("UTILITY")))).isInstanceOf(GateDecision.Send.class);
    }

    @Test
    void aMessagePastItsExpiryIsExpiredBeforeAnythingElse() {
        var m = new GateInput.Message("m", HARARE, "AUTHENTICATION", false, null, NOON, null);
        assertThat(decide(with(input(m), GateInput.ConsentState.OPTED_OUT)))
                .isEqualTo(new GateDecision.Stop(GateDecision.Outcome.EXPIRED, "TTL_PASSED"));
    }

    @Test
    void aMessageOfACancelledCampaignIsSuppressedAndOfAPausedOneIsHeld() {
        GateInput base = input(template("MARKETING"));
        var cancelled = new GateInput(base.message(), GateInput.CampaignState.CANCELLED, base.ledger(), base.consent(), null, null,
                List.of(), base.sender(), base.budget());
        var paused = new GateInput(base.message(), GateInput.CampaignState.PAUSED, base.ledger(), base.consent(), null, null,
                List.of(), base.sender(), base.budget());
        assertThat(decide(cancelled)).isEqualTo(new GateDecision.Stop(GateDecision.Outcome.SUPPRESSED, "CAMPAIGN_CANCELLED"));
        assertThat(decide(paused)).isEqualTo(new GateDecision.Defer(NOON.plus(DispatchGate.HOLD_RECHECK), "CAMPAIGN_PAUSED"));
    }

    @ParameterizedTest(name = "a campaign projected as {0} is seen by the gate as {1}")
    @CsvSource({
            "PAUSED, PAUSED",
            "CANCELLED, CANCELLED",
            "CREATED, ACTIVE",
            "SCHEDULED, ACTIVE",
            "STARTED, ACTIVE",
            "RESUMED, ACTIVE",
            "UPDATED, ACTIVE",
            "COMPLETED, ACTIVE",
            "SOMETHING_NEW, ACTIVE"})
    void onlyAPausedCampaignHoldsAndOnlyACancelledOneSuppresses(String projected, GateInput.CampaignState expected) {
        assertThat(GateInput.CampaignState.ofProjected(projected)).isEqualTo(expected);
    }

    @Test
    void aCampaignDispatchHasNotHeardOfYetLetsItsMessagesGo() {
        assertThat(GateInput.CampaignState.ofProjected(null)).isEqualTo(GateInput.CampaignState.ACTIVE);
    }

    @Test
    void aMessageAlreadyInTheSendLedgerIsSkippedNotSentAgain() {
        GateInput base = input(template("UTILITY"));
        for (var state : List.of(GateInput.LedgerState.INFLIGHT, GateInput.LedgerState.SUBMITTED)) {
            var again = new GateInput(base.message(), base.campaign(), state, base.consent(), null, null, List.of(), base.sender(), base.budget());
            assertThat(decide(again)).isInstanceOf(GateDecision.Skip.class);
        }
    }

    @Test
    void messageQueuedBeforeStopIsSuppressedAfterIt() {
        assertThat(decide(with(input(template("MARKETING")), GateInput.ConsentState.OPTED_OUT)))
                .isEqualTo(new GateDecision.Stop(GateDecision.Outcome.SUPPRESSED, "OPTED_OUT"));
        assertThat(decide(with(input(template("UTILITY")), GateInput.ConsentState.OPTED_OUT)))
                .isEqualTo(new GateDecision.Stop(GateDecision.Outcome.SUPPRESSED, "OPTED_OUT"));
    }

    @Test
    void aRecipientWithoutAnOptInIsNeverMessaged() {
        assertThat(decide(with(input(template("UTILITY")), GateInput.ConsentState.UNKNOWN)))
                .isEqualTo(new GateDecision.Stop(GateDecision.Outcome.SUPPRESSED, "NO_OPT_IN"));
    }

    @Test
    void withoutAConsentProjectionTheGateFailsClosedAndHolds() {
        assertThat(decide(with(input(template("UTILITY")), GateInput.ConsentState.NO_PROJECTION)))
                .isEqualTo(new GateDecision.Defer(NOON.plus(DispatchGate.CONSENT_RECHECK), "CONSENT_NOT_KNOWN_YET"));
    }

    @Test
    void whileAConsentChangeMayBeOnItsWayTheGateHoldsBusinessMessagesAndLooksAgainSoon() {
        assertThat(decide(with(input(template("UTILITY")), GateInput.ConsentState.IN_FLIGHT)))
                .isEqualTo(new GateDecision.Defer(NOON.plusSeconds(1), "CONSENT_IN_FLIGHT"));
    }

    @Test
    void aServiceReplyGoesWhileTheWritersConsentChangeIsInFlight() {
        var reply = new GateInput.Message("m", HARARE, "SERVICE", true, null, NOON.plusSeconds(60), null);
        var in = new GateInput(reply, GateInput.CampaignState.NONE, GateInput.LedgerState.NONE, GateInput.ConsentState.IN_FLIGHT,
                NOON.minusSeconds(5), null, List.of(), GateInput.SenderState.active(), GateInput.Budget.unlimited());
        assertThat(decide(in)).isInstanceOf(GateDecision.Send.class);
    }

    @Test
    void aServiceReplyToAUserWhoJustWroteGoesEvenAfterTheirStop() {
        var reply = new GateInput.Message("m", HARARE, "SERVICE", true, null, NOON.plusSeconds(60), null);
        var in = new GateInput(reply, GateInput.CampaignState.NONE, GateInput.LedgerState.NONE, GateInput.ConsentState.OPTED_OUT,
                NOON.minusSeconds(5), null, List.of(), GateInput.SenderState.active(), GateInput.Budget.unlimited());
        assertThat(decide(in)).isInstanceOf(GateDecision.Send.class);
    }

    @Test
    void freeFormTextOutsideTheCustomerWindowIsRejectedBeforeCallingMeta() {
        var text = new GateInput.Message("m", HARARE, "UTILITY", true, null, NOON.plusSeconds(60), null);
        var stale = new GateInput(text, GateInput.CampaignState.NONE, GateInput.LedgerState.NONE, GateInput.ConsentState.OPTED_IN,
                NOON.minus(Duration.ofHours(25)), null, List.of(), GateInput.SenderState.active(), GateInput.Budget.unlimited());
        assertThat(decide(stale)).isEqualTo(new GateDecision.Stop(GateDecision.Outcome.REJECTED, "OUTSIDE_CUSTOMER_WINDOW"));
        var fresh = new GateInput(text, stale.campaign(), stale.ledger(), stale.consent(), NOON.minus(Duration.ofHours(23)), null,
                List.of(), stale.sender(), stale.budget());
        assertThat(decide(fresh)).isInstanceOf(GateDecision.Send.class);
    }

    @Test
    void marketingInTheRecipientsQuietHoursIsDeferredToTheLocalOpening() {
        Instant lateInHarare = Instant.parse("2026-11-22T20:30:00Z"); // 22:30 in Harare (UTC+2)
        var m = new GateInput.Message("m", HARARE, "MARKETING", false, "h", lateInHarare.plus(Duration.ofDays(2)), null);
        assertThat(gate.decide(input(m), lateInHarare))
                .isEqualTo(new GateDecision.Defer(Instant.parse("2026-11-23T06:00:00Z"), "QUIET_HOURS"));
    }

    @Test
    void marketingToABsuidKeepsTheQuietHoursOfItsRegion() {
        Instant lateInHarare = Instant.parse("2026-11-22T20:30:00Z");
        var m = new GateInput.Message("m", "ZW.13491208655302741918", "MARKETING", false, "h", lateInHarare.plus(Duration.ofDays(2)), null);
        assertThat(gate.decide(input(m), lateInHarare))
                .isEqualTo(new GateDecision.Defer(Instant.parse("2026-11-23T06:00:00Z"), "QUIET_HOURS"));
    }

    @Test
    void anAuthenticationTemplateToABsuidIsRejectedBeforeMetaCouldAnswer131062() {
        var m = new GateInput.Message("m", "ZW.13491208655302741918", "AUTHENTICATION", false, "h", NOON.plusSeconds(600), null);
        assertThat(decide(input(m))).isEqualTo(new GateDecision.Stop(GateDecision.Outcome.REJECTED, "BSUID_NOT_SUPPORTED_FOR_AUTHENTICATION"));
        var utility = new GateInput.Message("m", "ZW.13491208655302741918", "UTILITY", false, "h", NOON.plusSeconds(600), null);
        assertThat(decide(input(utility))).isInstanceOf(GateDecision.Send.class);
    }

    @Test
    void utilityMessagesIgnoreQuietHours() {
        Instant lateInHarare = Instant.parse("2026-11-22T20:30:00Z");
        var m = new GateInput.Message("m", HARARE, "UTILITY", false, "h", lateInHarare.plus(Duration.ofDays(2)), null);
        assertThat(gate.decide(input(m), lateInHarare)).isInstanceOf(GateDecision.Send.class);
    }

    @Test
    void aSecondMessageToTheSameRecipientWithinSixSecondsIsDeferredToTheEndOfThePairInterval() {
        GateInput base = input(template("UTILITY"));
        var in = new GateInput(base.message(), base.campaign(), base.ledger(), base.consent(), null, NOON.minusSeconds(2),
                List.of(), base.sender(), base.budget());
        assertThat(decide(in)).isEqualTo(new GateDecision.Defer(NOON.plusSeconds(4), "PAIR_LIMIT"));
    }

    @Test
    void aThirdMarketingMessageWithin24HoursIsDeferredUntilTheOldestLeavesTheDay() {
        GateInput base = input(template("MARKETING"));
        var history = List.of(new GateInput.PastMarketingSend(NOON.minus(Duration.ofHours(20)), "x"),
                new GateInput.PastMarketingSend(NOON.minus(Duration.ofHours(3)), "y"));
        var in = new GateInput(base.message(), base.campaign(), base.ledger(), base.consent(), null, null, history, base.sender(), base.budget());
        assertThat(decide(in)).isEqualTo(new GateDecision.Defer(NOON.plus(Duration.ofHours(4)), "MARKETING_FREQUENCY_CAP"));
    }

    @Test
    void identicalMarketingContentWithin30DaysIsSuppressed() {
        GateInput base = input(template("MARKETING"));
        var history = List.of(new GateInput.PastMarketingSend(NOON.minus(Duration.ofDays(29)), "hash-a"));
        var in = new GateInput(base.message(), base.campaign(), base.ledger(), base.consent(), null, null, history, base.sender(), base.budget());
        assertThat(decide(in)).isEqualTo(new GateDecision.Stop(GateDecision.Outcome.SUPPRESSED, "IDENTICAL_CONTENT_WITHIN_30_DAYS"));
        var old = List.of(new GateInput.PastMarketingSend(NOON.minus(Duration.ofDays(31)), "hash-a"));
        var later = new GateInput(base.message(), base.campaign(), base.ledger(), base.consent(), null, null, old, base.sender(), base.budget());
        assertThat(decide(later)).isInstanceOf(GateDecision.Send.class);
    }

    @Test
    void aHealthPausedSenderHoldsMarketingButStillSendsAnOtp() {
        var paused = new GateInput.SenderState(false, health("PAUSED", "QUALITY_RED"));
        GateInput mk = input(template("MARKETING"));
        GateInput otp = input(template("AUTHENTICATION"));
        assertThat(decide(new GateInput(mk.message(), mk.campaign(), mk.ledger(), mk.consent(), null, null, List.of(), paused, mk.budget())))
                .isEqualTo(new GateDecision.Defer(NOON.plus(DispatchGate.HOLD_RECHECK), "SENDER_HEALTH_PAUSED"));
        assertThat(decide(new GateInput(otp.message(), otp.campaign(), otp.ledger(), otp.consent(), null, null, List.of(), paused, otp.budget())))
                .isInstanceOf(GateDecision.Send.class);
    }

    private static SenderHealth health(String state, String... reasons) {
        return new SenderHealth("110000000000001", state, 1.0, List.of(reasons), null, NOON.minusSeconds(60));
    }

    private static SenderHealth holdingTemplates(SenderHealth.HeldTemplate... held) {
        return new SenderHealth("110000000000001", "HEALTHY", 1.0, List.of(), null, NOON.minusSeconds(60), 92.0, "GREEN",
                "portfolio-1", "TIER_2K", List.of(held));
    }

    private GateDecision decideUnder(SenderHealth health, GateInput.Message m) {
        GateInput base = input(m);
        return decide(new GateInput(m, base.campaign(), base.ledger(), base.consent(), null, null, List.of(),
                new GateInput.SenderState(false, health), base.budget()));
    }

    private static GateInput.Message templateMessage(String category, String name, String language) {
        return new GateInput.Message("m-1", HARARE, category, false, "hash-a", NOON.plusSeconds(600), null, name, language);
    }

    @Test
    void aCriticalSenderHoldsMarketingButSendsUtilityAndAuthenticationWhateverItsReasons() {
        SenderHealth critical = health("CRITICAL", "OPT_OUT_RATE", "MANUAL");
        assertThat(decideUnder(critical, template("MARKETING")))
                .isEqualTo(new GateDecision.Defer(NOON.plus(DispatchGate.HOLD_RECHECK), DispatchGate.SENDER_HEALTH_PAUSED));
        assertThat(decideUnder(critical, template("UTILITY"))).isInstanceOf(GateDecision.Send.class);
        assertThat(decideUnder(critical, template("AUTHENTICATION"))).isInstanceOf(GateDecision.Send.class);
    }

    @Test
    void aManuallyPausedSenderHoldsEveryCategory() {
        SenderHealth manual = health("PAUSED", "MANUAL");
        for (String category : List.of("MARKETING", "UTILITY", "AUTHENTICATION")) {
            assertThat(decideUnder(manual, template(category))).as(category)
                    .isEqualTo(new GateDecision.Defer(NOON.plus(DispatchGate.HOLD_RECHECK), DispatchGate.SENDER_HEALTH_PAUSED));
        }
    }

    @Test
    void aPausedSenderWhoseReasonNamesUtilityHoldsUtilityButSendsAuthentication() {
        SenderHealth paused = health("PAUSED", "QUALITY_RED", "PAUSE_UTILITY");
        assertThat(decideUnder(paused, template("UTILITY"))).isInstanceOf(GateDecision.Defer.class);
        assertThat(decideUnder(paused, template("AUTHENTICATION"))).isInstanceOf(GateDecision.Send.class);
    }

    @Test
    void warnedAndThrottledSendersSendEveryCategory() {
        for (String state : List.of("HEALTHY", "WARNING", "THROTTLED")) {
            for (String category : List.of("MARKETING", "UTILITY", "AUTHENTICATION")) {
                assertThat(decideUnder(health(state, "QUALITY_YELLOW", "ALL_CATEGORIES"), template(category))).as(state + " " + category)
                        .isInstanceOf(GateDecision.Send.class);
            }
        }
    }

    @Test
    void aPausedDecisionStillHoldsAfterItsUntilHasPassed() {
        SenderHealth pausedUntilAnHourAgo = new SenderHealth("110000000000001", "PAUSED", 0.5, List.of("QUALITY_RED"),
                NOON.minusSeconds(3600), NOON.minusSeconds(7200));
        assertThat(decideUnder(pausedUntilAnHourAgo, template("MARKETING")))
                .isEqualTo(new GateDecision.Defer(NOON.plus(DispatchGate.HOLD_RECHECK), DispatchGate.SENDER_HEALTH_PAUSED));
    }

    @Test
    void aHeldTemplateIsHeldInItsLanguageOrInEveryLanguageWhenTheEntryNamesNone() {
        SenderHealth health = holdingTemplates(new SenderHealth.HeldTemplate("spring_sale", "en_US", "TEMPLATE_PAUSED"),
                new SenderHealth.HeldTemplate("otp_code", null, "TEMPLATE_DISABLED"));
        GateDecision.Defer held = new GateDecision.Defer(NOON.plus(DispatchGate.HOLD_RECHECK), DispatchGate.TEMPLATE_HELD);
        assertThat(decideUnder(health, templateMessage("UTILITY", "spring_sale", "en_US"))).isEqualTo(held);
        assertThat(decideUnder(health, templateMessage("UTILITY", "spring_sale", "pt_BR"))).isInstanceOf(GateDecision.Send.class);
        assertThat(decideUnder(health, templateMessage("AUTHENTICATION", "otp_code", "fr"))).isEqualTo(held);
        assertThat(decideUnder(health, templateMessage("UTILITY", "term_reminder", "en_US"))).isInstanceOf(GateDecision.Send.class);
    }

    @Test
    void aSenderHealthHoldComesBeforeATemplateHold() {
        SenderHealth both = new SenderHealth("110000000000001", "CRITICAL", 1.0, List.of(), null, NOON,
                null, null, null, null, List.of(new SenderHealth.HeldTemplate("spring_sale", null, "TEMPLATE_PAUSED")));
        assertThat(decideUnder(both, templateMessage("MARKETING", "spring_sale", "en_US")).reason())
                .isEqualTo(DispatchGate.SENDER_HEALTH_PAUSED);
        assertThat(decideUnder(both, templateMessage("UTILITY", "spring_sale", "en_US")).reason()).isEqualTo(DispatchGate.TEMPLATE_HELD);
    }

    private static GateInput dormantUntil(GateInput.Message m, GateInput.ConsentState consent, Instant until) {
        GateInput base = input(m);
        return new GateInput(m, base.campaign(), base.ledger(), consent, null, null, List.of(), base.sender(), base.budget(), until);
    }

    @Test
    void marketingToADormantContactIsSuppressedForLowEngagementButItsUtilityMessageGoes() {
        Instant inAWeek = NOON.plus(Duration.ofDays(7));
        assertThat(decide(dormantUntil(template("MARKETING"), GateInput.ConsentState.OPTED_IN, inAWeek)))
                .isEqualTo(new GateDecision.Stop(GateDecision.Outcome.SUPPRESSED, DispatchGate.LOW_ENGAGEMENT));
        assertThat(decide(dormantUntil(template("UTILITY"), GateInput.ConsentState.OPTED_IN, inAWeek))).isInstanceOf(GateDecision.Send.class);
        assertThat(decide(dormantUntil(template("AUTHENTICATION"), GateInput.ConsentState.OPTED_IN, inAWeek)))
                .isInstanceOf(GateDecision.Send.class);
    }

    @Test
    void marketingToAContactWhoseDormancyHasEndedIsSent() {
        assertThat(decide(dormantUntil(template("MARKETING"), GateInput.ConsentState.OPTED_IN, NOON))).isInstanceOf(GateDecision.Send.class);
    }

    @Test
    void consentIsJudgedBeforeEngagement() {
        Instant inAWeek = NOON.plus(Duration.ofDays(7));
        assertThat(decide(dormantUntil(template("MARKETING"), GateInput.ConsentState.OPTED_OUT, inAWeek)))
                .isEqualTo(new GateDecision.Stop(GateDecision.Outcome.SUPPRESSED, "OPTED_OUT"));
        assertThat(decide(dormantUntil(template("MARKETING"), GateInput.ConsentState.IN_FLIGHT, inAWeek)).reason())
                .isEqualTo("CONSENT_IN_FLIGHT");
    }

    @Test
    void engagementComesBeforeQuietHoursAndTheSendersHold() {
        Instant lateInHarare = Instant.parse("2026-11-22T20:30:00Z"); // 22:30 in Harare: quiet
        var m = new GateInput.Message("m", HARARE, "MARKETING", false, "h", lateInHarare.plus(Duration.ofDays(2)), null);
        GateInput base = input(m);
        GateInput in = new GateInput(m, base.campaign(), base.ledger(), base.consent(), null, null, List.of(),
                new GateInput.SenderState(false, health("PAUSED", "MANUAL")), base.budget(), lateInHarare.plus(Duration.ofDays(7)));
        assertThat(gate.decide(in, lateInHarare)).isEqualTo(new GateDecision.Stop(GateDecision.Outcome.SUPPRESSED, DispatchGate.LOW_ENGAGEMENT));
    }

    @Test
    void anAdminPausedSenderHoldsEverything() {
        GateInput otp = input(template("AUTHENTICATION"));
        assertThat(decide(new GateInput(otp.message(), otp.campaign(), otp.ledger(), otp.consent(), null, null, List.of(),
                new GateInput.SenderState(true, null), otp.budget()))).isInstanceOf(GateDecision.Defer.class);
    }

    @Test
    void aNewRecipientBeyondThePortfolioBudgetIsDeferredUntilTheBudgetFrees() {
        GateInput base = input(template("UTILITY"));
        var full = new GateInput.Budget(false, 250, 250, NOON.plus(Duration.ofHours(2)), Long.MAX_VALUE, null);
        assertThat(decide(new GateInput(base.message(), base.campaign(), base.ledger(), base.consent(), null, null, List.of(), base.sender(), full)))
                .isEqualTo(new GateDecision.Defer(NOON.plus(Duration.ofHours(2)), "PORTFOLIO_BUDGET"));
        var counted = new GateInput.Budget(true, 250, 250, NOON.plus(Duration.ofHours(2)), Long.MAX_VALUE, null);
        assertThat(decide(new GateInput(base.message(), base.campaign(), base.ledger(), base.consent(), null, null, List.of(), base.sender(), counted)))
                .isInstanceOf(GateDecision.Send.class);
    }

    @Test
    void aWarmingUpNumberStopsReachingNewRecipientsForTheDayWhenItsAllowanceIsUsed() {
        GateInput base = input(template("UTILITY"));
        Instant midnight = Instant.parse("2026-11-23T00:00:00Z");
        var used = new GateInput.Budget(false, 10, 250, null, 0, midnight);
        assertThat(decide(new GateInput(base.message(), base.campaign(), base.ledger(), base.consent(), null, null, List.of(), base.sender(), used)))
                .isEqualTo(new GateDecision.Defer(midnight, "WARMUP_RAMP"));
    }

    @Test
    void aScheduledMessageWaitsForItsSendAfterTime() {
        var m = new GateInput.Message("m", HARARE, "UTILITY", false, null, NOON.plus(Duration.ofDays(1)), NOON.plusSeconds(3600));
        assertThat(decide(input(m))).isEqualTo(new GateDecision.Defer(NOON.plusSeconds(3600), "SEND_AFTER"));
    }
}
