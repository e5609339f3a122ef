package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.ConsentSnapshot;
import dev.safesend.dispatch.domain.GateFacts;
import dev.safesend.dispatch.domain.InboundPosition;
import dev.safesend.dispatch.domain.LivePacing;
import dev.safesend.dispatch.domain.OutboundSend;
import dev.safesend.dispatch.domain.PriorityLane;
import dev.safesend.dispatch.domain.SendOutcome;
import dev.safesend.dispatch.domain.Sender;
import dev.safesend.dispatch.domain.SenderHealth;
import dev.safesend.dispatch.domain.gate.DispatchGate;
import dev.safesend.dispatch.domain.gate.ErrorAction;
import dev.safesend.dispatch.domain.gate.ErrorPolicy;
import dev.safesend.dispatch.domain.gate.GateDecision;
import dev.safesend.dispatch.domain.gate.GateInput;
import dev.safesend.dispatch.domain.gate.SenderTokenBucket;
import dev.safesend.dispatch.domain.gate.WarmupRamp;
import dev.safesend.dispatch.repository.DeferralRepository.Deferred;
import dev.safesend.dispatch.repository.SendLedgerRepository;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One sender's pacing loop on this instance. Messages arrive on two lanes; each turn of the loop takes as many
 * as the token bucket and the in-flight window allow (urgent first in arrival order, then bulk by campaign priority
 * and arrival within a priority, one per recipient at a time so a recipient's messages keep their order), reads
 * the gate's facts for the whole batch at once, decides each, claims the sends in the ledger, calls the Cloud API
 * without blocking and, when the answers come back, settles them by the error table. Only this loop touches the sender's state; it runs on the shared pacing
 * pool, never on two threads at once (a work-in-progress counter serialises the turns).
 */
final class SenderPacer {

    private static final int SCAN_LIMIT = 512;
    private static final Duration STORE_BACKOFF = Duration.ofSeconds(1);

    private record Completion(QueuedSend queued, SendOutcome outcome, long callNanos) {
    }

    private final String senderId;
    private final PacingContext ctx;
    private final ConcurrentLinkedQueue<QueuedSend> intake = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<QueuedSend> urgent = new ArrayDeque<>();
    private final PriorityLane<QueuedSend> bulk = new PriorityLane<>(QueuedSend::priority, q -> q.send().recipient());
    private final Set<String> busyRecipients = new HashSet<>();
    private final List<Completion> unsettled = new ArrayList<>();
    private final AtomicInteger waitingUrgent = new AtomicInteger();
    private final AtomicInteger waitingBulk = new AtomicInteger();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong wakeAt = new AtomicLong(Long.MAX_VALUE);

    private volatile int urgentDepth;
    private volatile int bulkDepth;
    private volatile int inFlight;
    private int inFlightBulk;
    private volatile Sender sender;
    private volatile SenderHealth health;
    private volatile long backoffUntilMillis;
    private int backoffLevel;
    private long refreshedAtNanos;
    private boolean refreshedOnce;
    private final SenderTokenBucket bucket;
    private final Timer callLatency;
    private final Timer urgentWait;
    private final Timer bulkWait;
    private DispatchGate gate;
    private LocalTime gateQuietStart;
    private LocalTime gateQuietEnd;

    SenderPacer(String senderId, PacingContext ctx) {
        this.senderId = senderId;
        this.ctx = ctx;
        this.bucket = new SenderTokenBucket(Sender.DEFAULT_MPS, ctx.burstSeconds(), System.nanoTime());
        this.gate = ctx.gate();
        this.callLatency = ctx.callLatency(senderId);
        this.urgentWait = ctx.tokenWait(QueuedSend.Lane.URGENT);
        this.bulkWait = ctx.tokenWait(QueuedSend.Lane.BULK);
    }

    // ---- called from other threads -------------------------------------------------------------------------

    private AtomicInteger waiting(QueuedSend.Lane lane) {
        return lane == QueuedSend.Lane.URGENT ? waitingUrgent : waitingBulk;
    }

    void offer(QueuedSend q) {
        waiting(q.lane()).incrementAndGet();
        intake.add(q);
        signal();
    }

    /** True when this lane of the sender holds more in memory than the sender can send in a couple of seconds: pause its partition. */
    boolean saturated(QueuedSend.Lane lane) {
        Sender s = sender;
        double rate = s == null ? Sender.DEFAULT_MPS : s.messagesPerSecond();
        return waiting(lane).get() >= Math.max(200, (int) (rate * ctx.queueSeconds()));
    }

    LivePacing live() {
        Sender s = sender;
        SenderHealth h = health;
        return new LivePacing(s == null ? 0 : s.messagesPerSecond(), bucket.rate(), factor(h), urgentDepth, bulkDepth,
                inFlight, Math.max(0, backoffUntilMillis - System.currentTimeMillis()) > 0 ? backoffUntilMillis : 0);
    }

    int urgentDepth() {
        return urgentDepth;
    }

    int bulkDepth() {
        return bulkDepth;
    }

    int inFlight() {
        return inFlight;
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
        for (QueuedSend q; (q = intake.poll()) != null; ) {
            if (q.lane() == QueuedSend.Lane.URGENT) {
                urgent.addLast(q);
            } else {
                bulk.addLast(q);
            }
        }
        Instant now = ctx.clock().instant();
        long nanos = System.nanoTime();
        settleCompletions(now);
        refresh(nanos);
        long wake = -1;
        try {
            while (!urgent.isEmpty() || !bulk.isEmpty()) {
                if (sender == null) {
                    holdAll(now, "SENDER_NOT_REGISTERED");
                    break;
                }
                long backoff = backoffUntilMillis - now.toEpochMilli();
                if (backoff > 0) {
                    wake = TimeUnit.MILLISECONDS.toNanos(backoff);
                    break;
                }
                int free = ctx.maxInFlight() - inFlight;
                if (free <= 0) {
                    break;
                }
                int tokens = bucket.available(nanos);
                if (tokens <= 0) {
                    wake = Math.max(bucket.tryTake(nanos).toNanos(), 200_000);
                    break;
                }
                List<QueuedSend> batch = pick(Math.min(Math.min(tokens, free), ctx.maxBatch()));
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
            urgentDepth = urgent.size();
            bulkDepth = bulk.size();
        }
        if (!unsettled.isEmpty()) {
            wake = wake > 0 ? Math.min(wake, STORE_BACKOFF.toNanos()) : STORE_BACKOFF.toNanos();
        }
        return wake;
    }

    /**
     * Up to {@code n} messages, urgent first, then bulk by priority; at most one per recipient and none whose recipient
     * has a call in flight. In the bulk lane a recipient's message is taken only when it is the oldest of theirs waiting:
     * priority puts one recipient's messages before another's, never reorders one recipient's own.
     */
    private List<QueuedSend> pick(int n) {
        List<QueuedSend> batch = new ArrayList<>(Math.min(n, 64));
        Set<String> recipients = new HashSet<>();
        // bulk never fills the whole in-flight window: a quarter stays free for the urgent lane
        int bulkRoom = Math.max(1, ctx.maxInFlight() * 3 / 4) - inFlightBulk;
        for (Iterable<QueuedSend> lane : List.<Iterable<QueuedSend>>of(urgent, bulk)) {
            int scanned = 0;
            int limit = lane == bulk ? Math.min(n, batch.size() + Math.max(0, bulkRoom)) : n;
            for (Iterator<QueuedSend> it = lane.iterator(); it.hasNext() && batch.size() < limit && scanned < SCAN_LIMIT; scanned++) {
                QueuedSend q = it.next();
                if (q.settlement().stale()) {
                    it.remove();
                    waiting(q.lane()).decrementAndGet();
                    continue;
                }
                String r = q.send().recipient();
                if (busyRecipients.contains(r) || (lane == bulk && !bulk.isNextOfItsKey(q)) || !recipients.add(r)) {
                    continue;
                }
                it.remove();
                waiting(q.lane()).decrementAndGet();
                batch.add(q);
            }
        }
        return batch;
    }

    /** Gates a batch and starts its sends; false (batch put back) when the store could not be reached. */
    private boolean process(List<QueuedSend> batch, Instant now, long nanos) {
        Sender s = sender;
        GateFacts facts;
        try {
            facts = ctx.gateReads().load(senderId, s.portfolioId(), batch.stream().map(QueuedSend::send).toList(), now,
                    ctx.gateSettings().pairInterval(), gate.marketingHistory().lookback());
        } catch (StoreUnavailableException e) {
            putBack(batch, e);
            return false;
        }
        SenderHealth h = health; // the decision this batch is gated by (refreshed between turns)
        Long portfolioLimit = s.portfolioLimitUnder(h); // the messaging tier of health-monitor's decision, else the registry's
        long limit = portfolioLimit == null ? Long.MAX_VALUE : portfolioLimit;
        PortfolioBudgets.Usage portfolio = ctx.budgets().portfolio(s.portfolioId(), now);
        PortfolioBudgets.Usage warmupToday = ctx.budgets().sender(senderId, now);
        long allowance = new WarmupRamp(s.warmupDailyByWeek().isEmpty() ? WarmupRamp.DEFAULT_DAILY_BY_WEEK : s.warmupDailyByWeek())
                .dailyAllowance(s.warmupStart(), now);
        long opened = 0;
        List<QueuedSend> toSend = new ArrayList<>();
        List<SendLedgerRepository.Claim> claims = new ArrayList<>();
        List<SendLedgerRepository.BudgetOpen> opens = new ArrayList<>();
        List<Deferral> deferrals = new ArrayList<>();
        boolean pathBehind = ctx.optOutPath().behind(); // once per batch: who wrote is known, or not, for the whole turn
        for (QueuedSend q : batch) {
            OutboundSend m = q.send();
            String contentHash = m.contentHash();
            boolean counted = facts.countedRecipients().contains(m.recipient());
            GateInput.Budget budget = new GateInput.Budget(counted, portfolio.count() + opened, limit,
                    portfolio.freesAt(),
                    allowance == Long.MAX_VALUE ? Long.MAX_VALUE : allowance - warmupToday.count() - opened,
                    WarmupRamp.nextReset(now));
            GateInput in = new GateInput(
                    new GateInput.Message(m.messageId(), m.recipient(), m.category(), m.freeForm(), contentHash, m.expiresAt(),
                            m.notBefore(), m.templateName(), m.templateLanguage()),
                    campaign(facts, m), ledger(facts, m), consent(facts, m, now, pathBehind),
                    facts.lastInbound().get(m.recipient()), facts.lastSentByThisSender().get(m.recipient()),
                    facts.marketingHistory().get(m.recipient()), new GateInput.SenderState(s.state() == Sender.State.PAUSED, h),
                    budget, facts.dormantUntil(m.project(), m.recipient()));
            GateDecision decision = gate.decide(in, now);
            if (decision instanceof GateDecision.Send) {
                toSend.add(q);
                claims.add(new SendLedgerRepository.Claim(m.messageId(), senderId, m.recipient(), m.category(),
                        contentHash, q.lane().wire()));
                boolean inWindow = in.lastInboundFromRecipient() != null
                        && now.isBefore(in.lastInboundFromRecipient().plus(DispatchGate.CUSTOMER_WINDOW));
                if (!inWindow && !counted) {
                    opens.add(new SendLedgerRepository.BudgetOpen(s.portfolioId(), facts.contactKeyOf(m.recipient()), senderId));
                    opened++;
                }
            } else if (decision instanceof GateDecision.Skip skip) {
                ctx.count(senderId, "skipped", skip.reason());
                q.settlement().done();
            } else if (decision instanceof GateDecision.Stop stop) {
                stop(q, stop.outcome().name(), stop.reason(), now);
            } else if (decision instanceof GateDecision.Defer defer) {
                deferrals.add(new Deferral(q, defer.until(), defer.reason()));
            }
        }
        try {
            defer(deferrals, List.of(), now, h == null ? null : h.changedAt());
        } catch (StoreUnavailableException e) {
            putBack(deferrals.stream().map(Deferral::queued).toList(), e);
            putBack(toSend, e);
            return false;
        }
        if (toSend.isEmpty()) {
            return true;
        }
        Set<String> claimed;
        try {
            claimed = ctx.ledger().claim(claims, opens, now);
        } catch (StoreUnavailableException e) {
            putBack(toSend, e);
            return false;
        }
        ctx.budgets().opened(s.portfolioId(), senderId, opens.size());
        for (QueuedSend q : toSend) {
            if (!claimed.contains(q.send().messageId())) {
                ctx.count(senderId, "skipped", "ALREADY_CLAIMED");
                q.settlement().done();
                continue;
            }
            call(q, nanos);
        }
        return true;
    }

    private void call(QueuedSend q, long nanos) {
        bucket.tryTake(nanos);
        busyRecipients.add(q.send().recipient());
        inFlight++;
        if (q.lane() == QueuedSend.Lane.BULK) {
            inFlightBulk++;
        }
        long start = System.nanoTime();
        (q.lane() == QueuedSend.Lane.URGENT ? urgentWait : bulkWait).record(start - q.enqueuedNanos(), TimeUnit.NANOSECONDS);
        ctx.cloudApi().sendAsync(senderId, ctx.requests().toSendRequest(q.send())).whenComplete((outcome, error) -> {
            SendOutcome o = outcome != null ? outcome : SendOutcome.Refused.noAnswer(String.valueOf(error));
            completions.add(new Completion(q, o, System.nanoTime() - start));
            signal();
        });
    }

    private record Deferral(QueuedSend queued, Instant until, String reason) {
    }

    private void defer(List<Deferral> deferrals, List<String> releaseLedger, Instant now) {
        defer(deferrals, releaseLedger, now, null);
    }

    /** @param healthDecidedAt the changedAt of the health decision the gate held messages by (null: none) */
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

    private void stop(QueuedSend q, String outcome, String reason, Instant now) {
        ctx.count(senderId, outcome.toLowerCase(Locale.ROOT), reason);
        afterAck(ctx.events().stopped(q.send(), outcome, reason, now), q);
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

    private void putBack(List<QueuedSend> batch, StoreUnavailableException e) {
        Log.warnf("senderId=%s: store unavailable (%s); %d messages wait in memory", senderId, e.getMessage(), batch.size());
        for (int i = batch.size() - 1; i >= 0; i--) {
            QueuedSend q = batch.get(i);
            putFirst(q);
        }
        backoffUntilMillis = System.currentTimeMillis() + STORE_BACKOFF.toMillis();
    }

    /** Puts a message taken from its lane back in front of its lane (the bulk lane: in front of its priority). */
    private void putFirst(QueuedSend q) {
        if (q.lane() == QueuedSend.Lane.URGENT) {
            urgent.addFirst(q);
        } else {
            bulk.addFirst(q);
        }
        waiting(q.lane()).incrementAndGet();
    }

    private void holdAll(Instant now, String reason) {
        List<QueuedSend> all = new ArrayList<>(urgent);
        all.addAll(bulk);
        waitingUrgent.addAndGet(-urgent.size());
        waitingBulk.addAndGet(-bulk.size());
        urgent.clear();
        bulk.clear();
        List<Deferral> d = all.stream().filter(q -> !q.settlement().stale())
                .map(q -> new Deferral(q, now.plus(DispatchGate.HOLD_RECHECK), reason)).toList();
        try {
            defer(d, List.of(), now);
        } catch (StoreUnavailableException e) {
            putBack(d.stream().map(Deferral::queued).toList(), e);
        }
    }

    // ---- answers ------------------------------------------------------------------------------------------

    private void settleCompletions(Instant now) {
        for (Completion c; (c = completions.poll()) != null; ) {
            unsettled.add(c);
            inFlight--;
            if (c.queued().lane() == QueuedSend.Lane.BULK) {
                inFlightBulk--;
            }
            busyRecipients.remove(c.queued().send().recipient());
            callLatency.record(c.callNanos(), TimeUnit.NANOSECONDS);
        }
        if (unsettled.isEmpty()) {
            return;
        }
        List<SendLedgerRepository.Settled> rows = new ArrayList<>();
        List<Deferral> retries = new ArrayList<>();
        List<String> release = new ArrayList<>();
        List<QueuedSend> again = new ArrayList<>();
        List<Runnable> publish = new ArrayList<>();
        for (Completion c : unsettled) {
            QueuedSend q = c.queued();
            OutboundSend m = q.send();
            if (c.outcome() instanceof SendOutcome.Accepted accepted) {
                backoffLevel = 0;
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
            defer(retries, release, now);
        } catch (StoreUnavailableException e) {
            Log.warnf("senderId=%s: cannot settle %d answers yet (%s)", senderId, unsettled.size(), e.getMessage());
            return;
        }
        unsettled.clear();
        for (int i = again.size() - 1; i >= 0; i--) {
            putFirst(again.get(i));
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
        if (now.toEpochMilli() < backoffUntilMillis) {
            return; // an answer to a call made before this pause: the same throttling episode, not a reason to pause longer
        }
        backoffLevel++;
        long ms = Math.min(ctx.senderBackoff().toMillis() << Math.min(backoffLevel - 1, 10), ctx.maxSenderBackoff().toMillis());
        backoffUntilMillis = Math.max(backoffUntilMillis, now.toEpochMilli() + ms);
        Log.warnf("senderId=%s got 130429 (throughput): backing off %d ms (level %d)", senderId, ms, backoffLevel);
    }

    private void pauseSender(String reason, SendOutcome.Refused refused) {
        Log.errorf("ALERT senderId=%s paused: Meta answered %s (%s)", senderId, reason, refused.title());
        ctx.alert(senderId, reason);
        try {
            sender = ctx.registry().pauseAutomatically(senderId, reason + ": " + refused.title());
        } catch (RuntimeException e) {
            Log.errorf("senderId=%s could not be paused in the registry: %s", senderId, e.getMessage());
        }
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

    private static GateInput.CampaignState campaign(GateFacts facts, OutboundSend m) {
        if (m.campaignId() == null) {
            return GateInput.CampaignState.NONE;
        }
        return GateInput.CampaignState.ofProjected(facts.campaignStates().get(m.campaignId()));
    }

    private static GateInput.LedgerState ledger(GateFacts facts, OutboundSend m) {
        String s = facts.ledgerStates().get(m.messageId());
        return s == null ? GateInput.LedgerState.NONE : GateInput.LedgerState.valueOf(s);
    }

    /**
     * Whether a consent change for the recipient may be on its way (fail closed on lag): they wrote and the opt-out path
     * has not caught up with that message yet, or the path is behind as a whole (dispatch has not read who wrote). An
     * authentication code the person asked for is not held for the whole path: only for what they wrote themselves.
     */
    private boolean consentMayBeChanging(GateFacts facts, OutboundSend m, boolean pathBehind) {
        InboundPosition wrote = facts.latestInbound().get(m.recipient());
        if (wrote != null && ctx.optOutPath().mayBeChanging(wrote.partition(), wrote.offset())) {
            return true;
        }
        return pathBehind && !"AUTHENTICATION".equals(m.category());
    }

    /**
     * The recipient's consent for the message's category. A recipient dispatch knows nothing about yet is held
     * (not suppressed) for a short grace after acceptance, since the grant may still be on its way.
     */
    private GateInput.ConsentState consent(GateFacts facts, OutboundSend m, Instant now, boolean pathBehind) {
        ConsentSnapshot snapshot = facts.consent().get(m.recipient());
        String state = snapshot == null ? "UNKNOWN" : snapshot.stateFor(m.project(), m.category());
        return switch (state) {
            case "OPTED_IN" -> consentMayBeChanging(facts, m, pathBehind) ? GateInput.ConsentState.IN_FLIGHT : GateInput.ConsentState.OPTED_IN;
            case "OPTED_OUT" -> GateInput.ConsentState.OPTED_OUT;
            default -> m.acceptedAt() != null && now.isBefore(m.acceptedAt().plus(ctx.gateSettings().consentGrace()))
                    ? GateInput.ConsentState.NO_PROJECTION : GateInput.ConsentState.UNKNOWN;
        };
    }
}
