package dev.safesend.simulator.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket holding at most {@code capacity} tokens and earning one token every
 * {@code emissionInterval}. Implemented as the equivalent generic cell rate algorithm (one
 * "theoretical arrival time" in integer nanoseconds), so there is no floating-point drift: with a
 * 6 s interval the next token is available after exactly 6 s.
 *
 * <p>Thread-safe; callers pass the current instant so a test can drive time.
 */
public final class TokenBucket {

    private final long emissionIntervalNanos;
    private final long toleranceNanos;
    private long theoreticalArrivalNanos;

    private TokenBucket(long emissionIntervalNanos, int capacity) {
        if (emissionIntervalNanos <= 0) {
            throw new IllegalArgumentException("emission interval must be positive");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.emissionIntervalNanos = emissionIntervalNanos;
        this.toleranceNanos = (capacity - 1L) * emissionIntervalNanos;
        this.theoreticalArrivalNanos = Long.MIN_VALUE;
    }

    /** A bucket refilled at {@code perSecond} tokens per second holding one second's worth. */
    public static TokenBucket perSecond(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1 per second, was " + perSecond);
        }
        return new TokenBucket(Math.max(1L, 1_000_000_000L / perSecond), perSecond);
    }

    /** A bucket earning one token every {@code interval}, holding at most {@code burst} tokens. */
    public static TokenBucket oneEvery(Duration interval, int burst) {
        return new TokenBucket(interval.toNanos(), burst);
    }

    /** Takes one token if one is available at {@code now}. */
    public synchronized boolean tryTake(Instant now) {
        long nowNanos = nanos(now);
        long tat = Math.max(theoreticalArrivalNanos, nowNanos);
        if (tat - nowNanos > toleranceNanos) {
            return false;
        }
        theoreticalArrivalNanos = tat + emissionIntervalNanos;
        return true;
    }

    /** How long until {@link #tryTake} would succeed; zero if a token is available now. */
    public synchronized Duration waitTime(Instant now) {
        long nowNanos = nanos(now);
        long wait = theoreticalArrivalNanos - toleranceNanos - nowNanos;
        return wait <= 0 ? Duration.ZERO : Duration.ofNanos(wait);
    }

    /** True when the bucket is full again, so forgetting it changes nothing. */
    public synchronized boolean isFull(Instant now) {
        return theoreticalArrivalNanos <= nanos(now);
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
