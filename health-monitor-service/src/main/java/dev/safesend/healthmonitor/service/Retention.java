package dev.safesend.healthmonitor.service;

import dev.safesend.healthmonitor.config.HealthMonitorConfig;
import dev.safesend.healthmonitor.repository.MessageSignalRepository;
import dev.safesend.healthmonitor.repository.SignalBucketRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * Forgets what no window can see any more: messages, early replies and processed event ids older than the retention
 * (8 days: the longest window is 7), minute buckets older than 25 h and hour buckets older than the retention. In chunks,
 * so no sweep holds locks for long.
 */
@ApplicationScoped
public class Retention {

    private static final int CHUNK = 10_000;

    private final MessageSignalRepository messages;
    private final SignalBucketRepository buckets;
    private final Windows windows;
    private final HealthMonitorConfig config;
    private final Clock clock;

    public Retention(MessageSignalRepository messages, SignalBucketRepository buckets, Windows windows,
                     HealthMonitorConfig config, Clock clock) {
        this.messages = messages;
        this.buckets = buckets;
        this.windows = windows;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "10m", delay = 60, concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        Instant now = clock.instant();
        try {
            long n = 0;
            for (int deleted = CHUNK; deleted >= CHUNK; n += deleted) {
                deleted = messages.sweep(now.minus(config.retention()), CHUNK);
            }
            n += buckets.sweep(now, config.retention());
            windows.forgetIdle(now);
            if (n > 0) {
                Log.infof("retention: %d rows older than %s forgotten", n, config.retention());
            }
        } catch (SQLException | RuntimeException e) {
            Log.warnf("retention sweep failed (the next one tries again): %s", e.getMessage());
        }
    }
}
