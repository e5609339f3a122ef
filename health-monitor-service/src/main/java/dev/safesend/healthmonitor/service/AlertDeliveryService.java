package dev.safesend.healthmonitor.service;

import dev.safesend.healthmonitor.client.AlertWebhookClient;
import dev.safesend.healthmonitor.client.WebhookResponse;
import dev.safesend.healthmonitor.config.AlertConfig;
import dev.safesend.healthmonitor.domain.AlertDelivery;
import dev.safesend.healthmonitor.domain.AlertFormat;
import dev.safesend.healthmonitor.domain.DeliveryBackoff;
import dev.safesend.healthmonitor.domain.DeliveryOutcome;
import dev.safesend.healthmonitor.repository.AlertDeliveryRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Sends queued alerts. Every instance, every poll interval: claims due deliveries (a lease, so instances share the
 * work and a killed worker's rows come back when the lease ends), POSTs them side by side outside any transaction, and
 * records each outcome under its claim: 2xx delivered; another 4xx than 408/429 rejected at once; anything else tried
 * again after the backoff, and given up after the last attempt. Rejected and given-up deliveries are logged at ERROR.
 * At least once: a worker killed between a target's 2xx and the record of it sends that delivery again, with the same
 * {@code Idempotency-Key} and body.
 */
@ApplicationScoped
public class AlertDeliveryService {

    private final AlertConfig config;
    private final AlertDeliveryRepository deliveries;
    private final AlertWebhookClient client;
    private final DeliveryBackoff backoff;
    private final AtomicLong pending = new AtomicLong();
    private final Map<AlertFormat, Counter> delivered = new EnumMap<>(AlertFormat.class);
    private final Map<AlertFormat, Counter> rejected = new EnumMap<>(AlertFormat.class);
    private final Map<AlertFormat, Counter> exhausted = new EnumMap<>(AlertFormat.class);

    public AlertDeliveryService(AlertConfig config, AlertDeliveryRepository deliveries, AlertWebhookClient client,
                                MeterRegistry metrics) {
        this.config = config;
        this.deliveries = deliveries;
        this.client = client;
        this.backoff = new DeliveryBackoff(config.backoffBase(), config.backoffMax(), config.maxAttempts());
        Gauge.builder(HealthMonitorMetrics.ALERTS_PENDING, pending, AtomicLong::get)
                .description("Alert deliveries neither delivered nor given up").register(metrics);
        for (AlertFormat format : AlertFormat.values()) {
            String tag = format.name().toLowerCase(Locale.ROOT);
            delivered.put(format, Counter.builder(HealthMonitorMetrics.ALERTS_DELIVERED).tag("format", tag)
                    .description("Alert deliveries a webhook target accepted").register(metrics));
            rejected.put(format, Counter.builder(HealthMonitorMetrics.ALERTS_FAILED).tag("format", tag).tag("reason", "rejected")
                    .description("Alert deliveries given up").register(metrics));
            exhausted.put(format, Counter.builder(HealthMonitorMetrics.ALERTS_FAILED).tag("format", tag).tag("reason", "exhausted")
                    .description("Alert deliveries given up").register(metrics));
        }
    }

    /**
     * Refuses to start with a target that is not an absolute http(s) URL, or with a lease a slow attempt could outlive
     * (it would then be claimed and sent twice at once).
     */
    void checkConfig(@Observes StartupEvent start) {
        Stream.concat(config.alertmanagerTargets().stream(), config.slackTargets().stream()).forEach(url -> {
            if (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalStateException("safesend.health-monitor.alerts: a target is not an http(s) URL with a host: "
                        + url.getScheme() + "://" + url.getHost());
            }
        });
        if (config.claimLease().compareTo(config.timeout().multipliedBy(2)) <= 0) {
            throw new IllegalStateException("safesend.health-monitor.alerts.claim-lease (" + config.claimLease()
                    + ") must be more than twice the timeout (" + config.timeout() + ")");
        }
    }

    @Scheduled(every = "${safesend.health-monitor.alerts.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deliverDue() {
        try {
            deliverOnce();
        } catch (RuntimeException e) {
            Log.warnf("alert delivery pass failed (claimed rows are retried when their lease ends): %s", e.getMessage());
        }
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeFinished() {
        try {
            int purged = deliveries.purgeFinishedBefore(Instant.now().minus(config.retention()));
            if (purged > 0) {
                Log.infof("purged %d finished alert deliveries older than %s", purged, config.retention());
            }
        } catch (RuntimeException e) {
            Log.warnf("cannot purge finished alert deliveries: %s", e.getMessage());
        }
    }

    /** One pass: claim a batch of due deliveries, send them, record the outcomes. Returns how many were attempted. */
    public int deliverOnce() {
        Instant now = Instant.now();
        UUID claim = UUID.randomUUID();
        List<AlertDelivery> batch = deliveries.claim(now, now.plus(config.claimLease()), claim, config.batchSize());
        List<CompletableFuture<WebhookResponse>> answers = batch.stream()
                .map(d -> client.post(d.target(), d.body(), d.deliveryId()))
                .toList();
        for (int i = 0; i < batch.size(); i++) {
            AlertDelivery d = batch.get(i);
            try {
                settle(d, claim, answers.get(i).join());
            } catch (RuntimeException e) {
                Log.warnf("cannot record the outcome of alert delivery %s (retried when its lease ends): %s", d.deliveryId(),
                        e.getMessage());
            }
        }
        pending.set(deliveries.pending());
        return batch.size();
    }

    private void settle(AlertDelivery d, UUID claim, WebhookResponse answer) {
        Instant at = Instant.now();
        boolean recorded = switch (DeliveryOutcome.ofStatus(answer.status())) {
            case DELIVERED -> {
                boolean ok = deliveries.delivered(d.deliveryId(), claim, answer.status(), at);
                if (ok) {
                    delivered.get(d.format()).increment();
                    Log.infof("alert delivered: deliveryId=%s alertId=%s senderId=%s format=%s target=%s attempt=%d",
                            d.deliveryId(), d.alertId(), d.senderId(), d.format(), d.targetHost(), d.attempt());
                }
                yield ok;
            }
            case REJECTED -> {
                boolean ok = deliveries.failed(d.deliveryId(), claim, answer.status(), answer.error(), at);
                if (ok) {
                    rejected.get(d.format()).increment();
                    Log.errorf("alert rejected, not retried: deliveryId=%s alertId=%s senderId=%s format=%s target=%s attempt=%d: %s",
                            d.deliveryId(), d.alertId(), d.senderId(), d.format(), d.targetHost(), d.attempt(), answer.error());
                }
                yield ok;
            }
            case RETRY -> backoff.nextAttempt(d.attempt(), at, answer.retryAfter())
                    .map(next -> {
                        boolean ok = deliveries.retryAt(d.deliveryId(), claim, answer.status(), answer.error(), next);
                        if (ok) {
                            Log.warnf("alert delivery failed, retry at %s: deliveryId=%s senderId=%s format=%s target=%s attempt=%d/%d: %s",
                                    next, d.deliveryId(), d.senderId(), d.format(), d.targetHost(), d.attempt(), config.maxAttempts(),
                                    answer.error());
                        }
                        return ok;
                    })
                    .orElseGet(() -> {
                        boolean ok = deliveries.failed(d.deliveryId(), claim, answer.status(), answer.error(), at);
                        if (ok) {
                            exhausted.get(d.format()).increment();
                            Log.errorf("alert given up after %d attempts: deliveryId=%s alertId=%s senderId=%s format=%s target=%s: %s",
                                    d.attempt(), d.deliveryId(), d.alertId(), d.senderId(), d.format(), d.targetHost(), answer.error());
                        }
                        return ok;
                    });
        };
        if (!recorded) {
            Log.warnf("alert delivery %s: its lease ended before the answer came; another worker owns it now", d.deliveryId());
        }
    }
}
