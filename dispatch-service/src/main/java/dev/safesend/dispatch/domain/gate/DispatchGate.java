package dev.safesend.dispatch.domain.gate;

import dev.safesend.dispatch.domain.SenderHealth;
import dev.safesend.servicekit.identity.Bsuid;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The dispatch gate (docs/architecture.md, "The gate"), as one pure function from the
 * message and its context to a decision. Steps 1–8; the token bucket (9) and the call (10) follow
 * a {@link GateDecision.Send}.
 */
public final class DispatchGate {

    /** How often a held message (paused campaign or sender, consent not yet known) is looked at again. */
    public static final Duration HOLD_RECHECK = Duration.ofMinutes(1);
    /** How soon a message whose recipient's consent has not reached dispatch yet is looked at again. */
    public static final Duration CONSENT_RECHECK = Duration.ofSeconds(2);
    public static final Duration CUSTOMER_WINDOW = Duration.ofHours(24);
    /** The reason of a message held because its campaign is paused (released early when the campaign resumes or ends). */
    public static final String CAMPAIGN_PAUSED = "CAMPAIGN_PAUSED";
    /** Held: the sender is paused in the registry (by an operator, or by dispatch on 131048/368/131031). */
    public static final String SENDER_PAUSED = "SENDER_PAUSED";
    /** Held: health-monitor's decision holds the message's category (released early when a newer decision does not). */
    public static final String SENDER_HEALTH_PAUSED = "SENDER_HEALTH_PAUSED";
    /** Held: the template is among the sender's held templates (released early when a newer decision drops it). */
    public static final String TEMPLATE_HELD = "TEMPLATE_HELD";
    /** Suppressed: marketing to a contact health-monitor found dormant in the project (wa.contact-engagement.v1). */
    public static final String LOW_ENGAGEMENT = "LOW_ENGAGEMENT";

    private final QuietHours quietHours;
    private final Duration pairInterval;
    private final MarketingHistoryRule marketingHistory;
    private final Duration consentInFlightRecheck;

    public DispatchGate(QuietHours quietHours, Duration pairInterval, int marketingPerDay, Duration identicalContentWindow) {
        this(quietHours, pairInterval, marketingPerDay, identicalContentWindow, Duration.ofSeconds(1));
    }

    public DispatchGate(QuietHours quietHours, Duration pairInterval, int marketingPerDay, Duration identicalContentWindow,
                        Duration consentInFlightRecheck) {
        this.quietHours = quietHours;
        this.pairInterval = pairInterval;
        this.marketingHistory = new MarketingHistoryRule(marketingPerDay, identicalContentWindow);
        this.consentInFlightRecheck = consentInFlightRecheck;
    }

    public static DispatchGate defaults() {
        return new DispatchGate(QuietHours.defaults(), Duration.ofSeconds(6), 2, Duration.ofDays(30));
    }

    /** Step 6's per-person marketing rules, which the forecast's marketing-history endpoint applies too. */
    public MarketingHistoryRule marketingHistory() {
        return marketingHistory;
    }

    public GateDecision decide(GateInput in, Instant now) {
        GateInput.Message m = in.message();
        // 1. expiry, campaign
        if (m.expiresAt() != null && !now.isBefore(m.expiresAt())) {
            return new GateDecision.Stop(GateDecision.Outcome.EXPIRED, "TTL_PASSED");
        }
        if (in.campaign() == GateInput.CampaignState.CANCELLED) {
            return new GateDecision.Stop(GateDecision.Outcome.SUPPRESSED, "CAMPAIGN_CANCELLED");
        }
        if (in.campaign() == GateInput.CampaignState.PAUSED) {
            return new GateDecision.Defer(now.plus(HOLD_RECHECK), CAMPAIGN_PAUSED);
        }
        if (m.notBefore() != null && now.isBefore(m.notBefore())) {
            return new GateDecision.Defer(m.notBefore(), "SEND_AFTER");
        }
        // 2. send ledger
        if (in.ledger() != GateInput.LedgerState.NONE) {
            return new GateDecision.Skip("ALREADY_" + in.ledger().name());
        }
        // a BSUID cannot receive an authentication template: Meta refuses it with 131062, so it is refused here first
        if ("AUTHENTICATION".equals(m.category()) && Bsuid.isBsuid(m.recipient())) {
            return new GateDecision.Stop(GateDecision.Outcome.REJECTED, "BSUID_NOT_SUPPORTED_FOR_AUTHENTICATION");
        }
        // 3. consent (a SERVICE reply answers a user who just wrote, in the window; it needs no category consent)
        if (!"SERVICE".equals(m.category())) {
            switch (in.consent()) {
                case NO_PROJECTION -> {
                    return new GateDecision.Defer(now.plus(CONSENT_RECHECK), "CONSENT_NOT_KNOWN_YET");
                }
                case IN_FLIGHT -> {
                    return new GateDecision.Defer(now.plus(consentInFlightRecheck), "CONSENT_IN_FLIGHT");
                }
                case OPTED_OUT -> {
                    return new GateDecision.Stop(GateDecision.Outcome.SUPPRESSED, "OPTED_OUT");
                }
                case UNKNOWN -> {
                    return new GateDecision.Stop(GateDecision.Outcome.SUPPRESSED, "NO_OPT_IN");
                }
                case OPTED_IN -> { }
            }
        }
        // 3b. engagement: no marketing to a contact health-monitor found dormant in this project, until it says when
        if (m.marketing() && in.recipientDormantUntil() != null && now.isBefore(in.recipientDormantUntil())) {
            return new GateDecision.Stop(GateDecision.Outcome.SUPPRESSED, LOW_ENGAGEMENT);
        }
        // 4. free-form only inside the 24 h customer window
        boolean inWindow = in.lastInboundFromRecipient() != null
                && now.isBefore(in.lastInboundFromRecipient().plus(CUSTOMER_WINDOW));
        if (m.freeForm() && !inWindow) {
            return new GateDecision.Stop(GateDecision.Outcome.REJECTED, "OUTSIDE_CUSTOMER_WINDOW");
        }
        // 5. quiet hours for marketing, in the recipient's local time
        if (m.marketing()) {
            Optional<Instant> opening = quietHours.deferUntil(m.recipient(), now);
            if (opening.isPresent()) {
                return new GateDecision.Defer(opening.get(), "QUIET_HOURS");
            }
        }
        // 6. per-recipient limits
        if (in.lastSentToRecipient() != null && now.isBefore(in.lastSentToRecipient().plus(pairInterval))) {
            return new GateDecision.Defer(in.lastSentToRecipient().plus(pairInterval), "PAIR_LIMIT");
        }
        if (m.marketing()) {
            Optional<GateDecision> history = marketingHistory.decide(m.contentHash(), in.marketingLast30Days(), now);
            if (history.isPresent()) {
                return history.get();
            }
        }
        // 7. sender state: the registry's pause, then health-monitor's decision (its categories, then its held templates);
        //    the decision holds until health-monitor publishes the next one, whatever its `until` says
        if (in.sender().adminPaused()) {
            return new GateDecision.Defer(now.plus(HOLD_RECHECK), SENDER_PAUSED);
        }
        SenderHealth health = in.sender().health();
        if (health != null && health.holds(m.category())) {
            return new GateDecision.Defer(now.plus(HOLD_RECHECK), SENDER_HEALTH_PAUSED);
        }
        if (health != null && health.heldTemplate(m.templateName(), m.templateLanguage()).isPresent()) {
            return new GateDecision.Defer(now.plus(HOLD_RECHECK), TEMPLATE_HELD);
        }
        // 8. portfolio budget and warm-up: business-initiated conversations with new recipients only
        GateInput.Budget b = in.budget();
        if (!inWindow && !b.recipientCountedToday()) {
            if (b.uniqueLast24h() >= b.portfolioLimit()) {
                return new GateDecision.Defer(b.budgetFreesAt() != null ? b.budgetFreesAt() : now.plus(HOLD_RECHECK),
                        "PORTFOLIO_BUDGET");
            }
            if (b.warmupLeftToday() <= 0) {
                return new GateDecision.Defer(b.warmupResetsAt() != null ? b.warmupResetsAt() : now.plus(HOLD_RECHECK),
                        "WARMUP_RAMP");
            }
        }
        return new GateDecision.Send();
    }
}
