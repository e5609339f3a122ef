package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.ConsentSnapshot;
import dev.safesend.dispatch.domain.GateFacts;
import dev.safesend.dispatch.domain.InboundPosition;
import dev.safesend.dispatch.domain.OutboundSend;
import dev.safesend.dispatch.domain.Sender;
import dev.safesend.dispatch.domain.SenderHealth;
import dev.safesend.dispatch.domain.gate.DispatchGate;
import dev.safesend.dispatch.domain.gate.GateInput;
import dev.safesend.dispatch.domain.gate.WarmupRamp;
import dev.safesend.dispatch.repository.SendLedgerRepository;
import dev.safesend.servicekit.store.StoreUnavailableException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the gate needs to decide a batch of one sender's messages, read once for the whole batch: the facts from the
 * store (ledger, consent, windows, pair/frequency history, campaign states, engagement — {@code GateReadRepository},
 * one batch of array queries), then the budgets (the portfolio's unique recipients, the sender's warm-up) and whether
 * a consent change may be on its way. From these, {@link BatchInputs#of} builds each message's {@link GateInput}.
 * Used by the sender's turn only.
 */
final class GateInputReader {

    private final String senderId;
    private final PacingContext ctx;

    GateInputReader(String senderId, PacingContext ctx) {
        this.senderId = senderId;
        this.ctx = ctx;
    }

    /** The store's facts for the batch, in one batched read. */
    GateFacts facts(List<QueuedSend> batch, Sender sender, DispatchGate gate, Instant now) throws StoreUnavailableException {
        return ctx.gateReads().load(senderId, sender.portfolioId(), batch.stream().map(QueuedSend::send).toList(), now,
                ctx.gateSettings().pairInterval(), gate.marketingHistory().lookback());
    }

    /**
     * The batch's budgets and opt-out path state next to its facts.
     *
     * @param health the decision this batch is gated by (refreshed between turns), null when none
     */
    BatchInputs inputs(GateFacts facts, Sender sender, SenderHealth health, Instant now) {
        Long portfolioLimit = sender.portfolioLimitUnder(health); // the messaging tier of health-monitor's decision, else the registry's
        long limit = portfolioLimit == null ? Long.MAX_VALUE : portfolioLimit;
        PortfolioBudgets.Usage portfolio = ctx.budgets().portfolio(sender.portfolioId(), now);
        PortfolioBudgets.Usage warmupToday = ctx.budgets().sender(senderId, now);
        long allowance = new WarmupRamp(sender.warmupDailyByWeek().isEmpty() ? WarmupRamp.DEFAULT_DAILY_BY_WEEK : sender.warmupDailyByWeek())
                .dailyAllowance(sender.warmupStart(), now);
        boolean pathBehind = ctx.optOutPath().holdsEveryone(); // once per batch: who wrote is known, or not, for the whole turn
        return new BatchInputs(facts, sender, health, now, limit, portfolio, warmupToday, allowance, pathBehind);
    }

    /**
     * Everything read for one batch. The budgets count the recipients the batch opens as the decisions are taken:
     * tell it about each message the gate lets through ({@link #sending}) before asking for the next one's input.
     */
    final class BatchInputs {

        private final GateFacts facts;
        private final Sender sender;
        private final SenderHealth health;
        private final Instant now;
        private final long limit;
        private final PortfolioBudgets.Usage portfolio;
        private final PortfolioBudgets.Usage warmupToday;
        private final long allowance;
        private final boolean pathBehind;
        private final List<SendLedgerRepository.BudgetOpen> opens = new ArrayList<>();
        private long opened;

        private BatchInputs(GateFacts facts, Sender sender, SenderHealth health, Instant now, long limit,
                            PortfolioBudgets.Usage portfolio, PortfolioBudgets.Usage warmupToday, long allowance, boolean pathBehind) {
            this.facts = facts;
            this.sender = sender;
            this.health = health;
            this.now = now;
            this.limit = limit;
            this.portfolio = portfolio;
            this.warmupToday = warmupToday;
            this.allowance = allowance;
            this.pathBehind = pathBehind;
        }

        /** The gate's input for one message of the batch. */
        GateInput of(OutboundSend m) {
            boolean counted = facts.countedRecipients().contains(m.recipient());
            GateInput.Budget budget = new GateInput.Budget(counted, portfolio.count() + opened, limit,
                    portfolio.freesAt(),
                    allowance == Long.MAX_VALUE ? Long.MAX_VALUE : allowance - warmupToday.count() - opened,
                    WarmupRamp.nextReset(now));
            return new GateInput(
                    new GateInput.Message(m.messageId(), m.recipient(), m.category(), m.freeForm(), m.contentHash(), m.expiresAt(),
                            m.notBefore(), m.templateName(), m.templateLanguage()),
                    campaign(m), ledger(m), consent(m),
                    facts.lastInbound().get(m.recipient()), facts.lastSentByThisSender().get(m.recipient()),
                    facts.marketingHistory().get(m.recipient()), new GateInput.SenderState(sender.state() == Sender.State.PAUSED, health),
                    budget, facts.dormantUntil(m.project(), m.recipient()));
        }

        /**
         * The gate lets {@code m} through: outside the recipient's customer-service window and not yet counted, it opens
         * the recipient in the portfolio's budget (and counts against what the rest of the batch may open).
         */
        void sending(OutboundSend m, GateInput in) {
            boolean counted = facts.countedRecipients().contains(m.recipient());
            boolean inWindow = in.lastInboundFromRecipient() != null
                    && now.isBefore(in.lastInboundFromRecipient().plus(DispatchGate.CUSTOMER_WINDOW));
            if (!inWindow && !counted) {
                opens.add(new SendLedgerRepository.BudgetOpen(sender.portfolioId(), facts.contactKeyOf(m.recipient()), senderId));
                opened++;
            }
        }

        /** The budget openings of the messages let through, to be claimed with them. */
        List<SendLedgerRepository.BudgetOpen> opens() {
            return opens;
        }

        private GateInput.CampaignState campaign(OutboundSend m) {
            if (m.campaignId() == null) {
                return GateInput.CampaignState.NONE;
            }
            return GateInput.CampaignState.ofProjected(facts.campaignStates().get(m.campaignId()));
        }

        private GateInput.LedgerState ledger(OutboundSend m) {
            String s = facts.ledgerStates().get(m.messageId());
            return s == null ? GateInput.LedgerState.NONE : GateInput.LedgerState.valueOf(s);
        }

        /**
         * The recipient's consent for the message's category. A recipient dispatch knows nothing about yet is held
         * (not suppressed) for a short grace after acceptance, since the grant may still be on its way.
         */
        private GateInput.ConsentState consent(OutboundSend m) {
            ConsentSnapshot snapshot = facts.consent().get(m.recipient());
            String state = snapshot == null ? "UNKNOWN" : snapshot.stateFor(m.project(), m.category());
            return switch (state) {
                case "OPTED_IN" -> consentMayBeChanging(m) ? GateInput.ConsentState.IN_FLIGHT : GateInput.ConsentState.OPTED_IN;
                case "OPTED_OUT" -> GateInput.ConsentState.OPTED_OUT;
                default -> m.acceptedAt() != null && now.isBefore(m.acceptedAt().plus(ctx.gateSettings().consentGrace()))
                        ? GateInput.ConsentState.NO_PROJECTION : GateInput.ConsentState.UNKNOWN;
            };
        }

        /**
         * Whether a consent change for the recipient may be on its way (fail closed on lag): they wrote and the opt-out
         * path has not caught up with that message yet, or the path is behind as a whole (dispatch has not read who
         * wrote). An authentication code the person asked for is not held for the whole path: only for what they wrote
         * themselves.
         */
        private boolean consentMayBeChanging(OutboundSend m) {
            InboundPosition wrote = facts.latestInbound().get(m.recipient());
            if (wrote != null && ctx.optOutPath().mayBeChanging(wrote.partition(), wrote.offset())) {
                return true;
            }
            return pathBehind && !"AUTHENTICATION".equals(m.category());
        }
    }
}
