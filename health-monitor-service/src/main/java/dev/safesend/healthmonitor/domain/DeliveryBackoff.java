package dev.safesend.healthmonitor.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed alert delivery is tried again: after the n-th failed attempt, {@code base × 2^(n−1)} (base, 2 × base,
 * 4 × base …), never more than {@code max}; a target's {@code Retry-After} lengthens the wait (up to {@code max}), never
 * shortens it. After {@code maxAttempts} attempts the delivery is given up. Millisecond precision.
 */
public record DeliveryBackoff(Duration base, Duration max, int maxAttempts) {

    public DeliveryBackoff {
        if (base.toMillis() < 1) {
            throw new IllegalArgumentException("the backoff base must be at least 1 ms, was " + base);
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("the backoff max (" + max + ") must be at least its base (" + base + ")");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, was " + maxAttempts);
        }
    }

    /** The wait after the {@code attempt}-th failed attempt (1 for the first). */
    public Duration delayAfter(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, was " + attempt);
        }
        int doublings = attempt - 1;
        long baseMillis = base.toMillis();
        // past the point where base × 2^doublings exceeds max, the answer is max (and the shift would overflow)
        if (doublings >= 62 || baseMillis > (max.toMillis() >> doublings)) {
            return max;
        }
        return Duration.ofMillis(baseMillis << doublings);
    }

    /** The wait after the {@code attempt}-th failed attempt when the target asked for {@code retryAfter}. */
    public Duration delayAfter(int attempt, Optional<Duration> retryAfter) {
        Duration backoff = delayAfter(attempt);
        return retryAfter.filter(r -> r.compareTo(backoff) > 0).map(r -> r.compareTo(max) > 0 ? max : r).orElse(backoff);
    }

    /** When the next attempt is due, or empty when {@code attempt} was the last one allowed. */
    public Optional<Instant> nextAttempt(int attempt, Instant failedAt, Optional<Duration> retryAfter) {
        return attempt >= maxAttempts ? Optional.empty() : Optional.of(failedAt.plus(delayAfter(attempt, retryAfter)));
    }
}
