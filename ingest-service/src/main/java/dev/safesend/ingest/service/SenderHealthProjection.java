package dev.safesend.ingest.service;

import dev.safesend.ingest.config.IngestConfig;
import dev.safesend.ingest.domain.CatchUp;
import dev.safesend.ingest.domain.Category;
import dev.safesend.ingest.domain.SenderHealth;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current health decision per sending number, in memory, rebuilt at every start by reading the compacted
 * wa.sender-health.v1 from the beginning (each instance with its own consumer group). The topic is the record and
 * holds one small value per number, and every instance needs all of them to route; a table would add a write
 * path and a second copy to keep in step. The instance is ready only once the projection has read the topic up to
 * the end offsets seen at start ({@link #readiness()}), so a restarted instance does not route to a number it
 * would know is PAUSED. Dispatch still holds marketing for a PAUSED number (its gate 7): routing is an
 * optimisation, not the guard, which is why readiness stops waiting after {@code sender-health.catch-up-timeout}.
 */
@ApplicationScoped
public class SenderHealthProjection {

    private final Map<String, SenderHealth> bySender = new ConcurrentHashMap<>();
    private final Map<Integer, Long> nextOffsets = new ConcurrentHashMap<>();
    private final Duration catchUpTimeout;
    private final Clock clock;
    private final Instant startedAt;
    private volatile CatchUp target;
    private volatile Readiness settled;

    @Inject
    public SenderHealthProjection(IngestConfig config) {
        this(config.senderHealth().catchUpTimeout(), Clock.systemUTC());
    }

    SenderHealthProjection(Duration catchUpTimeout, Clock clock) {
        this.catchUpTimeout = catchUpTimeout;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Where the projection stands against the topic as it was at start. */
    public enum State {
        /** The end offsets at start are not known yet (Kafka not reachable so far). */
        READING_END_OFFSETS,
        CATCHING_UP,
        CAUGHT_UP,
        /** Not caught up within the catch-up timeout: ready anyway (dispatch's gate holds paused numbers). */
        GAVE_UP_WAITING
    }

    /** The state, and how many offsets were left to read (-1 while the end offsets are unknown). */
    public record Readiness(State state, long remaining) {
        public boolean ready() {
            return state == State.CAUGHT_UP || state == State.GAVE_UP_WAITING;
        }
    }

    public void apply(SenderHealth health) {
        SenderHealth previous = bySender.put(health.senderId(), health);
        if (previous == null || previous.state() != health.state()) {
            Log.infof("sender health: senderId=%s %s -> %s reasons=%s", health.senderId(),
                    previous == null ? "unknown" : previous.state(), health.state(), health.reasons());
        }
    }

    /** A tombstone on the compacted topic: the number is no longer tracked. */
    public void forget(String senderId) {
        bySender.remove(senderId);
    }

    /** The record at {@code offset} of {@code partition} has been applied (or dead-lettered). */
    public void read(int partition, long offset) {
        nextOffsets.merge(partition, offset + 1, Math::max);
    }

    /** The end offsets seen at start: readiness waits until the projection has read up to them. */
    public void catchUpTo(CatchUp endAtStart) {
        target = endAtStart;
        Log.infof("sender health: catching up to %s (partition=end offset)", endAtStart.endOffsets());
    }

    public Readiness readiness() {
        Readiness done = settled;
        if (done != null) {
            return done;
        }
        CatchUp t = target;
        long remaining = t == null ? -1 : t.remaining(nextOffsets);
        if (t != null && remaining == 0) {
            settled = new Readiness(State.CAUGHT_UP, 0);
            Log.infof("sender health: caught up with wa.sender-health.v1 (%d numbers known)", bySender.size());
            return settled;
        }
        if (clock.instant().isAfter(startedAt.plus(catchUpTimeout))) {
            settled = new Readiness(State.GAVE_UP_WAITING, remaining);
            Log.warnf("sender health: not caught up after %s (%s); ready anyway, routing may pick a paused number "
                    + "until it has (dispatch holds those messages)", catchUpTimeout,
                    t == null ? "end offsets unknown" : remaining + " offsets left");
            return settled;
        }
        return new Readiness(t == null ? State.READING_END_OFFSETS : State.CATCHING_UP, remaining);
    }

    public boolean available(String senderId, Category category) {
        SenderHealth health = bySender.get(senderId);
        return health == null || !health.pauses(category);
    }

    public Optional<SenderHealth> of(String senderId) {
        return Optional.ofNullable(bySender.get(senderId));
    }
}
