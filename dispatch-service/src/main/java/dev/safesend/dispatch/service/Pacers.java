package dev.safesend.dispatch.service;

import dev.safesend.dispatch.client.CloudApiClient;
import dev.safesend.dispatch.config.DispatchConfig;
import dev.safesend.dispatch.domain.LivePacing;
import dev.safesend.dispatch.domain.gate.Backoff;
import dev.safesend.dispatch.domain.gate.DispatchGate;
import dev.safesend.dispatch.domain.gate.QuietHours;
import dev.safesend.dispatch.mapping.CloudApiMapper;
import dev.safesend.dispatch.repository.BudgetRepository;
import dev.safesend.dispatch.repository.DeferralRepository;
import dev.safesend.dispatch.repository.GateReadRepository;
import dev.safesend.dispatch.repository.ProjectionRepository;
import dev.safesend.dispatch.repository.SendLedgerRepository;
import io.opentelemetry.api.trace.Tracer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/** Every sender this instance paces, by senderId, created on the first message of each. */
@ApplicationScoped
public class Pacers implements LiveSenderStats {

    private final PacingContext ctx;
    private final ConcurrentHashMap<String, SenderPacer> pacers = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor executor;
    private final MeterRegistry metrics;

    public Pacers(DispatchConfig config, GateReadRepository gateReads, SendLedgerRepository ledger, DeferralRepository deferrals,
                  ProjectionRepository projections, BudgetRepository budgets, SenderRegistryService registry,
                  CloudApiClient cloudApi, CloudApiMapper requests, MessageEvents events, MeterRegistry metrics,
                  OptOutPath optOutPath, Tracer tracer,
                  @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
                  boolean tracingOff) {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(config.pacing().threads(), r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("dispatch-pacer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.metrics = metrics;
        DispatchGate gate = new DispatchGate(QuietHours.defaults(), config.gate().pairInterval(), config.gate().marketingPerDay(),
                config.gate().identicalContentWindow(), config.optOutPath().recheck());
        Backoff backoff = new Backoff(config.retry().initialBackoff(), config.retry().maxBackoff(), config.retry().maxAttempts());
        this.ctx = new PacingContext(executor, Clock.systemUTC(), gate, backoff, gateReads, ledger, deferrals, projections, registry,
                new PortfolioBudgets(budgets, config.pacing().budgetRefresh(), config.budget().window()), cloudApi, requests, events, metrics, config, optOutPath,
                new Stopping(), new DispatchSpans(tracer, !tracingOff));
    }

    /** Hands a message from a lane to its sender's loop. */
    public void offer(QueuedSend queued) {
        pacer(queued.send().senderId()).offer(queued);
    }

    /** True when the sender has enough queued in memory; its partitions should stop fetching for now. */
    public boolean saturated(String senderId, QueuedSend.Lane lane) {
        SenderPacer p = pacers.get(senderId);
        return p != null && p.saturated(lane);
    }

    @Override
    public Optional<LivePacing> live(String senderId) {
        return Optional.ofNullable(pacers.get(senderId)).map(SenderPacer::live);
    }

    private SenderPacer pacer(String senderId) {
        return pacers.computeIfAbsent(senderId, id -> {
            SenderPacer p = new SenderPacer(id, ctx);
            Gauge.builder(DispatchMetrics.LANE_DEPTH, p, SenderPacer::urgentDepth).tags("sender", id, "lane", "urgent").register(metrics);
            Gauge.builder(DispatchMetrics.LANE_DEPTH, p, SenderPacer::bulkDepth).tags("sender", id, "lane", "bulk").register(metrics);
            Gauge.builder(DispatchMetrics.IN_FLIGHT, p, SenderPacer::inFlight).tags("sender", id).register(metrics);
            return p;
        });
    }

    /** A graceful stop begins: no sender starts another call; those in flight are answered and settled as usual. */
    public void quiesce() {
        ctx.stopping().begin();
        pacers.values().forEach(SenderPacer::signal);
    }

    /** True while some sender has a call in flight or an answer not yet settled (written to the ledger and Kafka). */
    public boolean busy() {
        return pacers.values().stream().anyMatch(SenderPacer::busy);
    }

    /** After {@link #quiesce()}: waits until no sender is {@link #busy()}; true when all settled within the timeout. */
    public boolean awaitSettled(java.time.Duration timeout) throws InterruptedException {
        return ctx.stopping().awaitIdle(this::busy, timeout);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
