package dev.safesend.ingest.service;

import dev.safesend.ingest.config.IngestConfig;
import dev.safesend.ingest.repository.CustomerWindowRepository;
import dev.safesend.ingest.repository.IdempotencyStore;
import dev.safesend.ingest.repository.UnidentifiedUpdateRepository;
import dev.safesend.ingest.repository.WebhookReceiptRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Purges what has outlived its purpose: idempotency keys after their TTL (an expired key is also taken over on
 * use, so the purge only bounds the table), webhook receipts after Meta's retry horizon, closed windows after a day.
 */
@ApplicationScoped
public class RetentionService {

    private final IngestConfig config;
    private final IdempotencyStore idempotency;
    private final WebhookReceiptRepository receipts;
    private final CustomerWindowRepository windows;
    private final UnidentifiedUpdateRepository unidentified;
    private final MeterRegistry metrics;
    private ScheduledExecutorService timer;

    public RetentionService(IngestConfig config, IdempotencyStore idempotency, WebhookReceiptRepository receipts,
                            CustomerWindowRepository windows, UnidentifiedUpdateRepository unidentified, MeterRegistry metrics) {
        this.unidentified = unidentified;
        this.config = config;
        this.idempotency = idempotency;
        this.receipts = receipts;
        this.windows = windows;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ingest-retention");
            t.setDaemon(true);
            return t;
        });
        long every = config.purgeInterval().toMillis();
        timer.scheduleWithFixedDelay(this::purgeQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One purge of every table; returns the rows removed. */
    public int purge() {
        int removed = QuarkusTransaction.requiringNew().call(() ->
                idempotency.purgeOlderThan(config.idempotency().ttl())
                        + receipts.purgeOlderThan(config.webhook().dedupeRetention())
                        + windows.purgeClosed(Duration.ofDays(1))
                        + unidentified.purgeOlderThan(config.webhook().dedupeRetention()));
        metrics.counter(IngestMetrics.ROWS_PURGED).increment(removed);
        Log.infof("retention purge removed %d row(s)", removed);
        return removed;
    }

    private void purgeQuietly() {
        try {
            purge();
        } catch (RuntimeException e) {
            Log.warnf(e, "retention purge failed; retrying in %s", config.purgeInterval());
        }
    }
}
