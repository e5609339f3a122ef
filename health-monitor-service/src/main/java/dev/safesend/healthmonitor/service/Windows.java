package dev.safesend.healthmonitor.service;

import dev.safesend.healthmonitor.domain.Scope;
import dev.safesend.healthmonitor.domain.WindowCounts;
import dev.safesend.healthmonitor.repository.SignalBucketRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every scope's sliding windows in memory, fed after each batch commits and rebuilt from the stored buckets at start
 * (PostgreSQL holds the truth; a crash between the commit and this update only costs a reload). One lock: writers
 * are the consumers, readers the evaluator and the REST API, each holding it for microseconds.
 */
@ApplicationScoped
public class Windows {

    private final Map<Scope, WindowCounts> scopes = new HashMap<>();
    private final SignalBucketRepository buckets;
    private volatile boolean restored;

    public Windows(SignalBucketRepository buckets) {
        this.buckets = buckets;
    }

    /** Restores the windows as the service starts, before the consumers count anything (a failure leaves it to them). */
    void onStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
        try {
            restore(Instant.now());
        } catch (SQLException | RuntimeException e) {
            Log.warnf("windows not restored at start (the first batch tries again): %s", e.getMessage());
        }
    }

    /** Loads the stored buckets once (the first caller does it). */
    public void restore(Instant now) throws SQLException {
        if (restored) {
            return;
        }
        synchronized (this) {
            if (restored) {
                return;
            }
            long[] n = new long[1];
            buckets.loadSince(now, b -> {
                scopes.computeIfAbsent(b.scope(), s -> new WindowCounts()).restore(b.metric(), b.hour(), b.at(), b.count(), now);
                n[0]++;
            });
            restored = true;
            Log.infof("windows restored from %d stored buckets, %d scopes", n[0], scopes.size());
        }
    }

    public synchronized void add(List<SignalBucketRepository.Increment> increments, Instant now) {
        for (SignalBucketRepository.Increment inc : increments) {
            scopes.computeIfAbsent(inc.scope(), s -> new WindowCounts())
                    .add(inc.metric(), Instant.ofEpochSecond(inc.minute() * 60), inc.count(), now);
        }
    }

    public synchronized WindowCounts.Counts counts(Scope scope, Duration window, Instant now) {
        WindowCounts w = scopes.get(scope);
        if (w == null) {
            return WindowCounts.Counts.empty();
        }
        Map<String, Long> m = new HashMap<>();
        for (String metric : w.metrics()) {
            m.put(metric, w.sum(metric, window, now));
        }
        return new WindowCounts.Counts(m);
    }

    public synchronized WindowCounts.WindowTotals totals(Scope scope, Instant now) {
        WindowCounts w = scopes.get(scope);
        return w == null ? new WindowCounts().totals(now) : w.totals(now);
    }

    public synchronized Set<Scope> scopes() {
        return Set.copyOf(scopes.keySet());
    }

    /** Forgets scopes with nothing in the last 7 days. */
    public synchronized void forgetIdle(Instant now) {
        scopes.values().removeIf(w -> w.idle(now));
    }
}
