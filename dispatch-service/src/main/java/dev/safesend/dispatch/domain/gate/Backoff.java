package dev.safesend.dispatch.domain.gate;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter (the AWS "full jitter" scheme): attempt n waits a random time in
 * [initial·2ⁿ⁻¹ / 2, initial·2ⁿ⁻¹], capped at {@code max}, so retries of many messages spread out
 * instead of returning together.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final int maxAttempts;

    public Backoff(Duration initial, Duration max, int maxAttempts) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max and at least one attempt");
        }
        this.initial = initial;
        this.max = max;
        this.maxAttempts = maxAttempts;
    }

    /** True when a message that has already been tried {@code attempts} times may be tried again. */
    public boolean mayRetry(int attempts) {
        return attempts < maxAttempts;
    }

    /**
     * @param attempt the attempt that just failed (1 = the first call)
     * @param random  a source of [0, 1) values (injected so tests are deterministic)
     */
    public Duration delayAfter(int attempt, DoubleSupplier random) {
        long ceiling = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        ceiling = Math.min(ceiling, max.toMillis());
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + (long) (random.getAsDouble() * (ceiling - floor)));
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}
