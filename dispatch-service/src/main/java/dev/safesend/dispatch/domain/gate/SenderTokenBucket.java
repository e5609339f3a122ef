package dev.safesend.dispatch.domain.gate;

import java.time.Duration;

/**
 * A sender's token bucket at its messages/second (times the health throttle factor). Time is
 * passed in as nanos so the rule is testable without a clock. Not thread-safe: one dispatch
 * consumer owns a sender (the lanes are keyed by senderId).
 */
public final class SenderTokenBucket {

    private double ratePerSecond;
    private final double burstSeconds;
    private double tokens;
    private long lastNanos;

    /**
     * @param ratePerSecond tokens added per second
     * @param burstSeconds  capacity expressed in seconds of rate (kept small so a burst never exceeds Meta's per-second limit)
     */
    public SenderTokenBucket(double ratePerSecond, double burstSeconds, long nowNanos) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.ratePerSecond = ratePerSecond;
        this.burstSeconds = burstSeconds;
        this.tokens = capacity();
        this.lastNanos = nowNanos;
    }

    private double capacity() {
        return Math.max(1.0, ratePerSecond * burstSeconds);
    }

    private void refill(long nowNanos) {
        if (nowNanos > lastNanos) {
            tokens = Math.min(capacity(), tokens + (nowNanos - lastNanos) * ratePerSecond / 1e9);
            lastNanos = nowNanos;
        }
    }

    /** Takes a token if one is there; otherwise says how long until one is. */
    public Duration tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1.0 - tokens) / ratePerSecond * 1e9));
    }

    /** Whole tokens available now (taking them is still done one by one with {@link #tryTake}). */
    public int available(long nowNanos) {
        refill(nowNanos);
        return (int) Math.floor(tokens);
    }

    /** A new rate (configuration or throttle change) applies from now on; tokens already earned are kept up to the new capacity. */
    public void setRate(double newRatePerSecond, long nowNanos) {
        if (newRatePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        refill(nowNanos);
        ratePerSecond = newRatePerSecond;
        tokens = Math.min(tokens, capacity());
    }

    public double rate() {
        return ratePerSecond;
    }
}
