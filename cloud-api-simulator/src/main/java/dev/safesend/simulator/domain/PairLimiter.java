package dev.safesend.simulator.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meta's pair rate limit (131056): about one message every 6 s from one business number to one
 * user. Meta lets bursts borrow future quota; {@code burst} models that (1 = strict).
 */
public final class PairLimiter {

    private final Clock clock;
    private final Duration interval;
    private final int burst;
    private final Map<PairKey, TokenBucket> buckets = new ConcurrentHashMap<>();

    public PairLimiter(Clock clock, Duration interval, int burst) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("pair-limit interval must be positive");
        }
        this.clock = clock;
        this.interval = interval;
        this.burst = burst;
    }

    /** Takes the pair's quota for one message; false means 131056. */
    public boolean tryAcquire(PairKey pair) {
        return buckets.computeIfAbsent(pair, p -> TokenBucket.oneEvery(interval, burst)).tryTake(clock.instant());
    }

    /** How long until the pair may receive another message. */
    public Duration waitTime(PairKey pair) {
        TokenBucket bucket = buckets.get(pair);
        return bucket == null ? Duration.ZERO : bucket.waitTime(clock.instant());
    }

    /** Forgets pairs whose bucket is full again (keeps memory flat under millions of recipients). */
    public int evictIdle() {
        int before = buckets.size();
        buckets.values().removeIf(bucket -> bucket.isFull(clock.instant()));
        return before - buckets.size();
    }

    public int trackedPairs() {
        return buckets.size();
    }

    public void reset() {
        buckets.clear();
    }
}
