package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.GateFacts;
import dev.safesend.dispatch.domain.LivePacing;
import dev.safesend.dispatch.domain.Sender;
import dev.safesend.dispatch.domain.SenderBackoff;
import dev.safesend.dispatch.domain.SenderHealth;
import dev.safesend.dispatch.domain.SenderLanes;
import dev.safesend.dispatch.domain.gate.DispatchGate;
import dev.safesend.dispatch.domain.gate.GateDecision;
import dev.safesend.dispatch.domain.gate.GateInput;
import dev.safesend.dispatch.domain.gate.SenderTokenBucket;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.quarkus.logging.Log;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One sender's pacing loop on this instance. Messages arrive on two lanes ({@link SenderLanes}); each turn of the loop
 * settles the answers that came back ({@link SendSettler}), then takes as many messages as the token bucket and the
 * in-flight window ({@link SendCaller}) allow, reads the gate's facts for the whole batch at once
 * ({@link GateInputReader}), decides each ({@link DispatchGate}), and claims and calls those let through without
 * blocking. Only this loop touches the sender's state; it runs on the shared pacing pool, never on two threads at once
 * (a work-in-progress counter serialises the turns). The parts it holds are used by its turn only, but for what they
 * say are safe from other threads (arrivals, saturation, depths, in-flight, answers).
 */
final class SenderPacer {

    private static final Duration STORE_BACKOFF = Duration.ofSeconds(1);

    private final String senderId;
    private final PacingContext ctx;
    private final SenderLanes<QueuedSend> lanes = new SenderLanes<>(q -> q.lane() == QueuedSend.Lane.URGENT,
            QueuedSend::priority, q -> q.send().recipient(), q -> q.settlement().stale());
    private final SenderTokenBucket bucket;
    private final SenderBackoff backoff;
    private final GateInputReader reader;
    private final SendCaller caller;
    private final SendSettler settler;
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong wakeAt = new AtomicLong(Long.MAX_VALUE);

    private volatile Sender sender;
    private volatile SenderHealth health;
    private volatile boolean unsettled; // the last turn left answers to settle again (a store outage)
    private long refreshedAtNanos;
    private boolean refreshedOnce;
    private DispatchGate gate;
    private LocalTime gateQuietStart;
    private LocalTime gateQuietEnd;

    SenderPacer(String senderId, PacingContext ctx) {
        this.senderId = senderId;
        this.ctx = ctx;
        this.bucket = new SenderTokenBucket(Sender.DEFAULT_MPS, ctx.burstSeconds(), System.nanoTime());
        this.backoff = new SenderBackoff(ctx.senderBackoff(), ctx.maxSenderBackoff());
        this.gate = ctx.gate();
        this.reader = new GateInputReader(senderId, ctx);
        this.caller = new SendCaller(senderId, ctx, lanes, bucket, this::signal);
        this.settler = new SendSettler(senderId, ctx, lanes, backoff, paused -> sender = paused);
    }

    // ---- called from other threads -------------------------------------------------------------------------

    void offer(QueuedSend q) {
        lanes.offer(q);
        signal();
    }

    /** True when this lane of the sender holds more in memory than the sender can send in a couple of seconds: pause its partition. */
    boolean saturated(QueuedSend.Lane lane) {
        Sender s = sender;
        double rate = s == null ? Sender.DEFAULT_MPS : s.messagesPerSecond();
        return lanes.saturated(lane == QueuedSend.Lane.URGENT, rate, ctx.queueSeconds());
    }

    LivePacing live() {
        Sender s = sender;
        SenderHealth h = health;
        return new LivePacing(s == null ? 0 : s.messagesPerSecond(), bucket.rate(), factor(h), lanes.urgentDepth(), lanes.bulkDepth(),
                caller.inFlight(), backoff.activeUntilMillis(System.currentTimeMillis()));
    }

    int urgentDepth() {
        return lanes.urgentDepth();
    }

    int bulkDepth() {
        return lanes.bulkDepth();
    }

    int inFlight() {
        return caller.inFlight();
    }

    /** A call in flight, or an answer the last turn could not settle yet (read by a graceful stop). */
    boolean busy() {
        return caller.inFlight() > 0 || unsettled;
    }

    /** Runs a turn of the loop now, or right after the turn under way. */
    void signal() {
        if (wip.getAndIncrement() == 0) {
            ctx.executor().execute(this::drain);
        }
    }

    private void drain() {
        int missed = 1;
        do {
            long wakeInNanos;
            try {
                wakeInNanos = turn();
            } catch (RuntimeException | LinkageError | AssertionError e) {
                Log.errorf(e, "pacing loop of senderId=%s failed; retrying in %s", senderId, STORE_BACKOFF);
                wakeInNanos = STORE_BACKOFF.toNanos();
            }
            if (wakeInNanos > 0) {
                wakeIn(wakeInNanos);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void wakeIn(long nanos) {
        long target = System.nanoTime() + nanos;
        long current = wakeAt.get();
        if (current != Long.MAX_VALUE && current <= target && current > System.nanoTime()) {
            return; // an earlier wake-up is already set
        }
        wakeAt.set(target);
        ctx.executor().schedule(() -> {
            wakeAt.compareAndSet(target, Long.MAX_VALUE);
            signal();
        }, nanos, TimeUnit.NANOSECONDS);
    }

    // ---- the loop (one thread at a time) -------------------------------------------------------------------

    /** @return nanos until the loop must run again by itself, or ≤ 0 when an arrival or an answer will wake it */
    private long turn() {
        lanes.admitArrivals();
        Instant now = ctx.clock().instant();
        long nanos = System.nanoTime();
        settler.settle(caller.answered(), now);
        refresh(nanos);
        long wake = -1;
        try {
            while (!lanes.isEmpty() && !ctx.stopping().begun()) { // stopping: only answers are settled
                if (sender == null) {
                    holdAll(now, "SENDER_NOT_REGISTERED");
                    break;
                }
                long backoffMillis = backoff.remainingMillis(now.toEpochMilli());
                if (backoffMillis > 0) {
                    wake = TimeUnit.MILLISECONDS.toNanos(backoffMillis);
                    break;
                }
                int free = caller.free();
                if (free <= 0) {
                    break;
                }
                int tokens = bucket.available(nanos);
                if (tokens <= 0) {
                    wake = Math.max(bucket.tryTake(nanos).toNanos(), 200_000);
                    break;
                }
                List<QueuedSend> batch = lanes.pick(Math.min(Math.min(tokens, free), ctx.maxBatch()), caller.bulkRoom());
                if (batch.isEmpty()) {
                    break;
                }
                if (!process(batch, now, nanos)) {
                    wake = STORE_BACKOFF.toNanos();
                    break;
                }
                now = ctx.clock().instant();
                nanos = System.nanoTime();
            }
        } finally {
            lanes.recordDepths();
        }
        unsettled = settler.hasUnsettled();
        if (unsettled) {
            wake = wake > 0 ? Math.min(wake, STORE_BACKOFF.toNanos()) : STORE_BACKOFF.toNanos();
        }
        ctx.stopping().turnEnded();
        return wake;
    }

    /** Gates a batch and starts its sends; false (batch put back) when the store could not be reached. */
    private boolean process(List<QueuedSend> batch, Instant now, long nanos) {
        Sender s = sender;
        SenderHealth h = health; // the decision this batch is gated by (refreshed between turns)
        GateInputReader.BatchInputs inputs;
        try {
            GateFacts facts = reader.facts(batch, s, gate, now);
            inputs = reader.inputs(facts, s, h, now); // the budgets' re-read can meet the store's outage too
        } catch (StoreUnavailableException e) {
            putBack(batch, e);
            return false;
        }
        List<QueuedSend> toSend = new ArrayList<>();
        List<SendSettler.Deferral> deferrals = new ArrayList<>();
        for (QueuedSend q : batch) {
            GateInput in = inputs.of(q.send());
            GateDecision decision = gate.decide(in, now);
            ctx.spans().gated(q, senderId, decision);
            if (decision instanceof GateDecision.Send) {
                toSend.add(q);
                inputs.sending(q.send(), in);
            } else if (decision instanceof GateDecision.Skip skip) {
                settler.skipped(q, skip.reason());
            } else if (decision instanceof GateDecision.Stop stop) {
                settler.stopped(q, stop.outcome().name(), stop.reason(), now);
            } else if (decision instanceof GateDecision.Defer defer) {
                deferrals.add(new SendSettler.Deferral(q, defer.until(), defer.reason()));
            }
        }
        try {
            settler.defer(deferrals, now, h == null ? null : h.changedAt());
        } catch (StoreUnavailableException e) {
            putBack(deferrals.stream().map(SendSettler.Deferral::queued).toList(), e);
            putBack(toSend, e);
            return false;
        }
        if (toSend.isEmpty()) {
            return true;
        }
        try {
            caller.claimAndCall(toSend, inputs.opens(), s.portfolioId(), now, nanos);
        } catch (StoreUnavailableException e) {
            putBack(toSend, e);
            return false;
        }
        return true;
    }

    /** The sender is not registered: every waiting message is held, to be looked at again later. */
    private void holdAll(Instant now, String reason) {
        List<QueuedSend> held = lanes.takeAll();
        try {
            settler.defer(held.stream().map(q -> new SendSettler.Deferral(q, now.plus(DispatchGate.HOLD_RECHECK), reason)).toList(),
                    now, null);
        } catch (StoreUnavailableException e) {
            putBack(held, e);
        }
    }

    private void putBack(List<QueuedSend> batch, StoreUnavailableException e) {
        Log.warnf("senderId=%s: store unavailable (%s); %d messages wait in memory", senderId, e.getMessage(), batch.size());
        for (int i = batch.size() - 1; i >= 0; i--) {
            lanes.putFirst(batch.get(i));
        }
        backoff.pauseFor(STORE_BACKOFF, System.currentTimeMillis());
    }

    // ---- facts --------------------------------------------------------------------------------------------

    private void refresh(long nanos) {
        if (refreshedOnce && nanos - refreshedAtNanos < ctx.senderRefresh().toNanos()) {
            return;
        }
        try {
            Optional<Sender> s = ctx.registry().find(senderId);
            sender = s.orElse(null);
            health = ctx.health(senderId).orElse(null);
            refreshedAtNanos = nanos;
            refreshedOnce = true;
            if (sender != null && (!sender.quietStart().equals(gateQuietStart) || !sender.quietEnd().equals(gateQuietEnd))) {
                gate = ctx.gateFor(sender.quietStart(), sender.quietEnd());
                gateQuietStart = sender.quietStart();
                gateQuietEnd = sender.quietEnd();
            }
            if (sender != null) {
                double rate = sender.messagesPerSecond() * factor(health);
                if (Math.abs(rate - bucket.rate()) > 1e-9) {
                    bucket.setRate(rate, nanos);
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("senderId=%s: cannot refresh registry/health (%s); keeping what is known", senderId, e.getMessage());
        }
    }

    /**
     * The share of the registered rate health-monitor's decision allows, in every state (1 with no decision). A decision
     * applies until health-monitor publishes the next one; its {@code until} is not an expiry.
     */
    private static double factor(SenderHealth h) {
        return h == null ? 1.0 : h.rateFactor();
    }
}
