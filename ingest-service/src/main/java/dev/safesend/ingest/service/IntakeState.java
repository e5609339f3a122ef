package dev.safesend.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this instance's intake beats (wa.intake-beats.v1) tell dispatch about the webhook deliveries that carry user
 * messages or account signals (statuses alone cannot opt anyone out, so they are not counted):
 * <ul>
 *   <li>the ones it had to refuse (it could not store or publish them, answered an error, and Meta retries them): a
 *   STOP in one is invisible to safesend until that retry;</li>
 *   <li>the oldest one it is still working on: a STOP waiting in it is not on Kafka yet.</li>
 * </ul>
 * Dispatch holds business messages while either may hide a STOP (docs/opt-out-path.md).
 */
@ApplicationScoped
public class IntakeState {

    private final Clock clock = Clock.systemUTC();
    private final Instant startedAt = clock.instant();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Instant> pending = new ConcurrentHashMap<>();
    private volatile Instant lastRefusedAt;

    /** A delivery arrived; returns its ticket for {@link #answered}, or -1 when it carries no signal and is not tracked. */
    public long arrived(boolean carriesSignals) {
        if (!carriesSignals) {
            return -1;
        }
        long id = ids.incrementAndGet();
        pending.put(id, clock.instant());
        return id;
    }

    /** The delivery is answered: with success, or with an error that Meta will retry ({@code refused}). */
    public void answered(long ticket, boolean refused) {
        if (ticket < 0) {
            return;
        }
        pending.remove(ticket);
        if (refused) {
            lastRefusedAt = clock.instant();
            this.refused.incrementAndGet();
        }
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Null when nothing was refused since the instance started. */
    public Instant lastRefusedAt() {
        return lastRefusedAt;
    }

    public long refused() {
        return refused.get();
    }

    /** How long the oldest delivery still being worked on has waited by {@code now}, in ms; null when none is. */
    public Long oldestPendingMillis(Instant now) {
        Instant oldest = null;
        for (Instant at : pending.values()) {
            if (oldest == null || at.isBefore(oldest)) {
                oldest = at;
            }
        }
        return oldest == null ? null : Math.max(0, now.toEpochMilli() - oldest.toEpochMilli());
    }
}
