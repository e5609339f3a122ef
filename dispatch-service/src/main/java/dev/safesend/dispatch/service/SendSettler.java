package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.OutboundSend;
import dev.safesend.dispatch.domain.SendOutcome;
import dev.safesend.dispatch.domain.Sender;
import dev.safesend.dispatch.domain.SenderBackoff;
import dev.safesend.dispatch.domain.SenderLanes;
import dev.safesend.dispatch.domain.gate.ErrorAction;
import dev.safesend.dispatch.domain.gate.ErrorPolicy;
import dev.safesend.dispatch.repository.DeferralRepository.Deferred;
import dev.safesend.dispatch.repository.SendLedgerRepository;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.quarkus.logging.Log;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Ends one sender's messages: whatever the gate or the Cloud API said, it writes what follows to the ledger and the
 * deferral table, emits the message event and, once Kafka has acknowledged it, tells the lane consumer the record is
 * done (or dead-lettered). Cloud API answers are settled by the error table ({@link ErrorPolicy}): SUBMITTED; 130429
 * backs the sender off ({@link SenderBackoff}) and retries in memory; retries later go to the deferral table with
 * their backoff; a pause-worthy error pauses the sender in the registry; the retry budget spent, FAILED and dead-lettered.
 * Answers that cannot be settled yet (store unavailable) are kept and tried again at the next turn. Used by the
 * sender's turn only.
 */
final class SendSettler {

    /** A message to be held until {@code until}, for {@code reason}. */
    record Deferral(QueuedSend queued, Instant until, String reason) {
    }

    private final String senderId;
    private final PacingContext ctx;
    private final SenderLanes<QueuedSend> lanes;
    private final SenderBackoff backoff;
    private final Consumer<Sender> paused;
    private final List<SendCaller.Answer> unsettled = new ArrayList<>();

    /** @param paused told the sender as the registry has it after this settler paused it automatically */
    SendSettler(String senderId, PacingContext ctx, SenderLanes<QueuedSend> lanes, SenderBackoff backoff, Consumer<Sender> paused) {
        this.senderId = senderId;
        this.ctx = ctx;
        this.lanes = lanes;
        this.backoff = backoff;
        this.paused = paused;
    }

    /** True while answers wait to be settled (the store was unavailable): the turn must come back for them. */
    boolean hasUnsettled() {
        return !unsettled.isEmpty();
    }

    // ---- the gate's decisions -------------------------------------------------------------------------------

    /** Nothing to send and nothing to tell (e.g. already sent): the record is done. */
    void skipped(QueuedSend q, String reason) {
        ctx.count(senderId, "skipped", reason);
        q.settlement().done();
    }

    /** A terminal outcome (EXPIRED, SUPPRESSED, REJECTED): its event, then the record is done. */
    void stopped(QueuedSend q, String outcome, String reason, Instant now) {
        ctx.count(senderId, outcome.toLowerCase(Locale.ROOT), reason);
        afterAck(ctx.events().stopped(q.send(), outcome, reason, now), q);
    }

    /**
     * Holds messages in the deferral table (one statement), then emits a DEFERRED event for each, but for a message
     * held again for the reason it was last held for (its first event still says it all).
     *
     * @param healthDecidedAt the changedAt of the health decision the gate held messages by (null: none)
     * @throws StoreUnavailableException when the table cannot be written: nothing was held
     */
    void defer(List<Deferral> deferrals, Instant now, Instant healthDecidedAt) throws StoreUnavailableException {
        defer(deferrals, List.of(), now, healthDecidedAt);
    }

    private void defer(List<Deferral> deferrals, List<String> releaseLedger, Instant now, Instant healthDecidedAt) {
        if (deferrals.isEmpty() && releaseLedger.isEmpty()) {
            return;
        }
        ctx.deferrals().defer(deferrals.stream().map(d -> {
            OutboundSend m = d.queued().send();
            return new Deferred(m.messageId(), senderId, d.queued().lane().wire(), m.recipient(), m.category(), m.campaignId(),
                    m.templateName(), m.templateLanguage(),
                    d.until(), d.reason(), d.queued().attempts(), d.queued().payload());
        }).toList(), releaseLedger, healthDecidedAt);
        for (Deferral d : deferrals) {
            ctx.count(senderId, "deferred", d.reason());
            if (d.reason().equals(d.queued().lastDeferral())) {
                d.queued().settlement().done(); // the same hold again: the first DEFERRED event still says it all
            } else {
                afterAck(ctx.events().deferred(d.queued().send(), d.until(), d.reason(), now), d.queued());
            }
        }
    }

    private void afterAck(CompletionStage<Void> event, QueuedSend q) {
        event.whenComplete((v, e) -> {
            if (e != null) {
                // not acknowledged: the record stays uncommitted and is looked at again after a restart
                Log.errorf("message event for messageId=%s not acknowledged by Kafka: %s", q.send().messageId(), e.getMessage());
            } else {
                q.settlement().done();
            }
        });
    }

    // ---- the Cloud API's answers ----------------------------------------------------------------------------

    /**
     * Settles the answers (and those left over from a turn the store was unavailable in): one ledger statement, one
     * deferral statement for the retries, then the in-memory retries back in front of their lanes and the events.
     */
    void settle(List<SendCaller.Answer> answered, Instant now) {
        unsettled.addAll(answered);
        if (unsettled.isEmpty()) {
            return;
        }
        List<SendLedgerRepository.Settled> rows = new ArrayList<>();
        List<Deferral> retries = new ArrayList<>();
        List<String> release = new ArrayList<>();
        List<QueuedSend> again = new ArrayList<>();
        List<Runnable> publish = new ArrayList<>();
        for (SendCaller.Answer c : unsettled) {
            QueuedSend q = c.queued();
            OutboundSend m = q.send();
            if (c.outcome() instanceof SendOutcome.Accepted accepted) {
                backoff.accepted();
                rows.add(new SendLedgerRepository.Settled(m.messageId(), accepted.wamid(), null));
                ctx.count(senderId, "submitted", "OK");
                publish.add(() -> afterAck(ctx.events().submitted(m, accepted, now), q));
                continue;
            }
            if (c.outcome() instanceof SendOutcome.Uncertain uncertain) {
                // maybe at Meta already: never sent again; the INFLIGHT row is reconciled by webhook or becomes UNKNOWN
                ctx.count(senderId, "uncertain", "NO_ANSWER");
                Log.warnf("senderId=%s messageId=%s: no answer (%s); left INFLIGHT for reconciliation, not re-sent", senderId,
                        m.messageId(), uncertain.why());
                publish.add(() -> q.settlement().done());
                continue;
            }
            SendOutcome.Refused refused = (SendOutcome.Refused) c.outcome();
            String reason = refused.errorCode() == null ? "NO_ANSWER" : "META_" + refused.errorCode();
            int attempt = q.attempts() + 1;
            ErrorAction action = ErrorPolicy.actionFor(refused.errorCode(), refused.httpStatus());
            boolean mayRetry = ctx.backoff().mayRetry(attempt);
            switch (action) {
                case BACK_OFF_SENDER_AND_RETRY -> {
                    backOffSender(now);
                    if (mayRetry) {
                        release.add(m.messageId());
                        again.add(q.retried());
                        ctx.count(senderId, "retried", reason);
                        continue;
                    }
                }
                case RETRY_RECIPIENT_LATER -> {
                    if (mayRetry) {
                        release.add(m.messageId());
                        retries.add(new Deferral(q.retried(), now.plus(ctx.gateSettings().pairInterval()), reason));
                        continue;
                    }
                }
                case RETRY_WITH_BACKOFF -> {
                    if (mayRetry) {
                        release.add(m.messageId());
                        retries.add(new Deferral(q.retried(), now.plus(ctx.backoff().delayAfter(attempt, ThreadLocalRandom.current()::nextDouble)),
                                "RETRY_" + reason));
                        continue;
                    }
                }
                case DEFER_A_DAY -> {
                    release.add(m.messageId());
                    retries.add(new Deferral(q.retried(), now.plus(Duration.ofHours(24)), reason));
                    continue;
                }
                case PAUSE_SENDER -> pauseSender(reason, refused);
                case FAIL, FAIL_AND_REPORT_OPT_OUT -> { }
            }
            boolean exhausted = action == ErrorAction.BACK_OFF_SENDER_AND_RETRY || action == ErrorAction.RETRY_RECIPIENT_LATER
                    || action == ErrorAction.RETRY_WITH_BACKOFF;
            String failure = exhausted ? "RETRY_BUDGET_EXHAUSTED" : reason;
            rows.add(new SendLedgerRepository.Settled(m.messageId(), null, refused.errorCode()));
            ctx.count(senderId, "failed", failure);
            // the dead letter is written from the pacing pool: on the producer's I/O thread (where the ack completes)
            // a send to a topic whose metadata is not cached yet blocks that very thread until max.block.ms and fails
            publish.add(() -> ctx.events().failed(m, refused, failure, now).whenCompleteAsync((v, e) -> {
                if (e != null) {
                    Log.errorf("FAILED event for messageId=%s not acknowledged: %s", m.messageId(), e.getMessage());
                } else if (exhausted) {
                    q.settlement().deadLetter(Map.of("safesend-reason", failure,
                            "safesend-error-code", String.valueOf(refused.errorCode()),
                            "safesend-error-title", String.valueOf(refused.title()),
                            "safesend-attempts", String.valueOf(attempt),
                            "safesend-sender-id", senderId));
                } else {
                    q.settlement().done();
                }
            }, ctx.executor()));
        }
        try {
            ctx.ledger().settle(rows, now);
            defer(retries, release, now, null);
        } catch (StoreUnavailableException e) {
            Log.warnf("senderId=%s: cannot settle %d answers yet (%s)", senderId, unsettled.size(), e.getMessage());
            return;
        }
        unsettled.clear();
        for (int i = again.size() - 1; i >= 0; i--) {
            lanes.putFirst(again.get(i));
        }
        for (Runnable p : publish) {
            try {
                p.run();
            } catch (RuntimeException e) {
                Log.errorf(e, "senderId=%s: an event could not be handed to Kafka; its record stays uncommitted", senderId);
            }
        }
    }

    private void backOffSender(Instant now) {
        // empty: an answer to a call made before this pause, the same throttling episode, not a reason to pause longer
        OptionalLong ms = backoff.throttled(now.toEpochMilli());
        if (ms.isPresent()) {
            Log.warnf("senderId=%s got 130429 (throughput): backing off %d ms (level %d)", senderId, ms.getAsLong(), backoff.level());
        }
    }

    private void pauseSender(String reason, SendOutcome.Refused refused) {
        Log.errorf("ALERT senderId=%s paused: Meta answered %s (%s)", senderId, reason, refused.title());
        ctx.alert(senderId, reason);
        try {
            paused.accept(ctx.registry().pauseAutomatically(senderId, reason + ": " + refused.title()));
        } catch (RuntimeException e) {
            Log.errorf("senderId=%s could not be paused in the registry: %s", senderId, e.getMessage());
        }
    }
}
