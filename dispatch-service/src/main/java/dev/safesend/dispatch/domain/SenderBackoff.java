package dev.safesend.dispatch.domain;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * When one sender may call the Cloud API again. Meta's 130429 (throughput) pauses it for the first backoff, doubling
 * with every further throttling episode up to a cap, until an accepted call ends the series; a store outage pauses it
 * for a fixed time. A 130429 to a call made before the pause under way is the same episode and does not lengthen it.
 * <p>
 * Threads: the pause's end ({@link #remainingMillis}, {@link #activeUntilMillis}) may be read from any thread; the
 * rest belongs to the sender's turn.
 */
public final class SenderBackoff {

    private final Duration first;
    private final Duration max;
    private volatile long untilMillis;
    private int level;

    /** @param first the pause after the first 130429 of a series; @param max the longest pause however many follow */
    public SenderBackoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    /** Milliseconds until the sender may call again (≤ 0: it may now). */
    public long remainingMillis(long nowMillis) {
        return untilMillis - nowMillis;
    }

    /** The end of the pause under way (epoch millis), or 0 when none is. */
    public long activeUntilMillis(long nowMillis) {
        long until = untilMillis;
        return Math.max(0, until - nowMillis) > 0 ? until : 0;
    }

    /** The number of throttling episodes in the current series (0 after an accepted call). */
    public int level() {
        return level;
    }

    /** Pauses the sender for {@code pause} from now, in place of any pause under way (the store is unavailable). */
    public void pauseFor(Duration pause, long nowMillis) {
        untilMillis = nowMillis + pause.toMillis();
    }

    /**
     * Meta answered 130429: the next episode of the series starts, unless one is under way.
     *
     * @return the pause this episode adds in milliseconds, or empty when the answer belongs to the pause under way
     */
    public OptionalLong throttled(long nowMillis) {
        if (nowMillis < untilMillis) {
            return OptionalLong.empty();
        }
        level++;
        long ms = Math.min(first.toMillis() << Math.min(level - 1, 10), max.toMillis());
        untilMillis = Math.max(untilMillis, nowMillis + ms);
        return OptionalLong.of(ms);
    }

    /** A call was accepted: the next 130429 starts a new series at the first backoff. */
    public void accepted() {
        level = 0;
    }
}
