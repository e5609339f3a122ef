package dev.safesend.dispatch.domain.gate;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60), 6);

    @Test
    void eachRetryWaitsBetweenHalfAndAllOfADoublingCeiling() {
        assertThat(backoff.delayAfter(1, () -> 0.0)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.delayAfter(1, () -> 0.999)).isBetween(Duration.ofMillis(499), Duration.ofMillis(500));
        assertThat(backoff.delayAfter(2, () -> 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delayAfter(3, () -> 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(4, () -> 0.5)).isEqualTo(Duration.ofMillis(3000));
    }

    @Test
    void theDelayNeverExceedsTheCapHoweverManyAttempts() {
        assertThat(backoff.delayAfter(30, () -> 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delayAfter(30, () -> 0.0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterSpreadsRetriesOfTheSameAttempt() {
        assertThat(backoff.delayAfter(3, () -> 0.1)).isNotEqualTo(backoff.delayAfter(3, () -> 0.9));
    }

    @Test
    void aMessageIsRetriedUntilItHasUsedItsAttempts() {
        assertThat(backoff.mayRetry(1)).isTrue();
        assertThat(backoff.mayRetry(5)).isTrue();
        assertThat(backoff.mayRetry(6)).isFalse();
    }

    @Test
    void aBackoffWithoutAnyAttemptOrWithACapBelowTheStartIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofMillis(10), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
