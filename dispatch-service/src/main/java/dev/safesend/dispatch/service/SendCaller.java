package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.SendOutcome;
import dev.safesend.dispatch.domain.SenderLanes;
import dev.safesend.dispatch.domain.gate.SenderTokenBucket;
import dev.safesend.dispatch.repository.SendLedgerRepository;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Starts one sender's Cloud API calls and keeps its in-flight window. A batch the gate let through is claimed in the
 * ledger first (INFLIGHT rows and the budget openings, one statement each); every message claimed takes a token, marks
 * its recipient busy and is called without blocking. The answer arrives on another thread: it is queued and the
 * sender's turn is woken, which takes it with {@link #answered()} (freeing its place in the window and its recipient)
 * and hands it to the {@link SendSettler}. Apart from the answer queue and {@link #inFlight()}, used by the sender's
 * turn only.
 */
final class SendCaller {

    /** The Cloud API's answer to one call; {@code callNanos} from the call to the answer. */
    record Answer(QueuedSend queued, SendOutcome outcome, long callNanos) {
    }

    private final String senderId;
    private final PacingContext ctx;
    private final SenderLanes<QueuedSend> lanes;
    private final SenderTokenBucket bucket;
    private final Runnable wake;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Timer callLatency;
    private final Timer urgentWait;
    private final Timer bulkWait;
    private volatile int inFlight;
    private int inFlightBulk;

    /** @param wake runs the sender's turn soon (an answer arrived) */
    SendCaller(String senderId, PacingContext ctx, SenderLanes<QueuedSend> lanes, SenderTokenBucket bucket, Runnable wake) {
        this.senderId = senderId;
        this.ctx = ctx;
        this.lanes = lanes;
        this.bucket = bucket;
        this.wake = wake;
        this.callLatency = ctx.callLatency(senderId);
        this.urgentWait = ctx.tokenWait(QueuedSend.Lane.URGENT);
        this.bulkWait = ctx.tokenWait(QueuedSend.Lane.BULK);
    }

    /** Calls without an answer yet (read by the gauge and the quota view from other threads). */
    int inFlight() {
        return inFlight;
    }

    /** How many more calls the in-flight window allows now (≤ 0: none). */
    int free() {
        return ctx.maxInFlight() - inFlight;
    }

    /** How many more bulk messages may be taken now: bulk never fills the whole window, a quarter stays free for urgent. */
    int bulkRoom() {
        return Math.max(1, ctx.maxInFlight() * 3 / 4) - inFlightBulk;
    }

    /**
     * Claims the messages in the ledger with their budget openings, then calls each one claimed; one another instance
     * or an earlier delivery has claimed already is skipped ({@code ALREADY_CLAIMED}).
     *
     * @throws StoreUnavailableException when the ledger cannot be reached: nothing was claimed nor called
     */
    void claimAndCall(List<QueuedSend> toSend, List<SendLedgerRepository.BudgetOpen> opens, String portfolioId, Instant now,
                      long nanos) throws StoreUnavailableException {
        List<SendLedgerRepository.Claim> claims = new ArrayList<>(toSend.size());
        for (QueuedSend q : toSend) {
            claims.add(new SendLedgerRepository.Claim(q.send().messageId(), senderId, q.send().recipient(), q.send().category(),
                    q.send().contentHash(), q.lane().wire()));
        }
        Set<String> claimed = ctx.ledger().claim(claims, opens, now);
        ctx.budgets().opened(portfolioId, senderId, opens.size());
        for (QueuedSend q : toSend) {
            if (!claimed.contains(q.send().messageId())) {
                ctx.count(senderId, "skipped", "ALREADY_CLAIMED");
                q.settlement().done();
                continue;
            }
            call(q, nanos);
        }
    }

    private void call(QueuedSend q, long nanos) {
        bucket.tryTake(nanos);
        lanes.recipientBusy(q.send().recipient());
        inFlight++;
        if (q.lane() == QueuedSend.Lane.BULK) {
            inFlightBulk++;
        }
        long start = System.nanoTime();
        (q.lane() == QueuedSend.Lane.URGENT ? urgentWait : bulkWait).record(start - q.enqueuedNanos(), TimeUnit.NANOSECONDS);
        Span span = ctx.spans().calling(q, senderId);
        CompletionStage<SendOutcome> answer;
        try (Scope ignored = span.makeCurrent()) {
            answer = ctx.cloudApi().sendAsync(senderId, ctx.requests().toSendRequest(q.send()));
        }
        answer.whenComplete((outcome, error) -> {
            SendOutcome o = outcome != null ? outcome : SendOutcome.Refused.noAnswer(String.valueOf(error));
            DispatchSpans.answered(span, o);
            answers.add(new Answer(q, o, System.nanoTime() - start));
            wake.run();
        });
    }

    /** The answers that arrived since the last turn; their calls leave the window and their recipients are free again. */
    List<Answer> answered() {
        List<Answer> arrived = new ArrayList<>();
        for (Answer a; (a = answers.poll()) != null; ) {
            arrived.add(a);
            inFlight--;
            if (a.queued().lane() == QueuedSend.Lane.BULK) {
                inFlightBulk--;
            }
            lanes.recipientFree(a.queued().send().recipient());
            callLatency.record(a.callNanos(), TimeUnit.NANOSECONDS);
        }
        return arrived;
    }
}
