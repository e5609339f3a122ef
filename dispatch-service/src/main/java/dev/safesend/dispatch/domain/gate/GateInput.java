package dev.safesend.dispatch.domain.gate;

import dev.safesend.dispatch.domain.SenderHealth;

import java.time.Instant;
import java.util.List;

/**
 * Everything the gate needs to decide on one message, read from dispatch's own projections and
 * stores just before the decision.
 *
 * @param recipientDormantUntil until when health-monitor found the recipient DORMANT for the message's project
 *                              (wa.contact-engagement.v1); null when engaged or not known
 */
public record GateInput(
        Message message,
        CampaignState campaign,
        LedgerState ledger,
        ConsentState consent,
        Instant lastInboundFromRecipient,
        Instant lastSentToRecipient,
        List<PastMarketingSend> marketingLast30Days,
        SenderState sender,
        Budget budget,
        Instant recipientDormantUntil) {

    public GateInput {
        marketingLast30Days = marketingLast30Days == null ? List.of() : List.copyOf(marketingLast30Days);
    }

    /** A message to a recipient of whom no engagement is known. */
    public GateInput(Message message, CampaignState campaign, LedgerState ledger, ConsentState consent,
                     Instant lastInboundFromRecipient, Instant lastSentToRecipient, List<PastMarketingSend> marketingLast30Days,
                     SenderState sender, Budget budget) {
        this(message, campaign, ledger, consent, lastInboundFromRecipient, lastSentToRecipient, marketingLast30Days, sender,
                budget, null);
    }

    /**
     * The message's facts that the rules read.
     *
     * @param templateName     the template's name, null for free-form text
     * @param templateLanguage the template's language, null for free-form text
     */
    public record Message(String messageId, String recipient, String category, boolean freeForm, String contentHash,
                          Instant expiresAt, Instant notBefore, String templateName, String templateLanguage) {

        /** A message whose template (if any) is not looked at. */
        public Message(String messageId, String recipient, String category, boolean freeForm, String contentHash,
                       Instant expiresAt, Instant notBefore) {
            this(messageId, recipient, category, freeForm, contentHash, expiresAt, notBefore, null, null);
        }

        public boolean marketing() {
            return "MARKETING".equals(category);
        }
    }

    /** Whether the message's campaign lets it go: only a paused campaign holds and only a cancelled one suppresses. */
    public enum CampaignState {
        NONE, ACTIVE, PAUSED, CANCELLED;

        /**
         * The gate's view of a campaign's last projected lifecycle state. PAUSED holds and CANCELLED suppresses; every
         * other state (CREATED, SCHEDULED, STARTED, RESUMED, UPDATED, COMPLETED) and a campaign dispatch has not heard of
         * yet let the message go, so a state added later never stops messages by accident.
         */
        public static CampaignState ofProjected(String state) {
            if (state == null) {
                return ACTIVE;
            }
            return switch (state) {
                case "PAUSED" -> PAUSED;
                case "CANCELLED" -> CANCELLED;
                default -> ACTIVE;
            };
        }
    }

    public enum LedgerState { NONE, INFLIGHT, SUBMITTED, FAILED, UNKNOWN }

    /** The recipient's consent for the message's category; NO_PROJECTION when dispatch has not read the consent topic yet. */
    /**
     * The recipient's consent for the message's category as dispatch knows it. IN_FLIGHT: opted in, but a change may be
     * on its way (the person just wrote, or the opt-out path is behind), so nothing business-initiated goes yet.
     */
    public enum ConsentState { OPTED_IN, OPTED_OUT, UNKNOWN, NO_PROJECTION, IN_FLIGHT }

    public record PastMarketingSend(Instant at, String contentHash) {
    }

    /**
     * @param adminPaused paused in the sender registry (by an operator or after 131048/368/131031): hold everything
     * @param health      health-monitor's current decision on the sender, null when none received: holds the categories
     *                    its state and reasons say, and its held templates
     */
    public record SenderState(boolean adminPaused, SenderHealth health) {

        /** A sender registered as active with no health decision received. */
        public static SenderState active() {
            return new SenderState(false, null);
        }
    }

    /**
     * @param recipientCountedToday the recipient already counts in the rolling 24 h unique set (no new budget needed)
     * @param uniqueLast24h         unique business-initiated recipients of the portfolio in the rolling 24 h
     * @param portfolioLimit        the portfolio's tier (250, 2,000, 10,000, 100,000; Long.MAX_VALUE for unlimited)
     * @param budgetFreesAt         when the oldest counted recipient leaves the rolling window
     * @param warmupLeftToday       new recipients this number may still reach today under its warm-up ramp (Long.MAX_VALUE when ramped up)
     * @param warmupResetsAt        when today's warm-up allowance renews
     */
    public record Budget(boolean recipientCountedToday, long uniqueLast24h, long portfolioLimit, Instant budgetFreesAt,
                         long warmupLeftToday, Instant warmupResetsAt) {
        public static Budget unlimited() {
            return new Budget(false, 0, Long.MAX_VALUE, null, Long.MAX_VALUE, null);
        }
    }
}
