package dev.safesend.healthmonitor.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryBackoffTest {

    private final DeliveryBackoff defaults = new DeliveryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 12);
    private final Instant failedAt = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void theWaitDoublesAfterEachFailureFromTheBase() {
        assertThat(IntStream.rangeClosed(1, 9).mapToObj(defaults::delayAfter).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L);
    }

    @Test
    void theWaitNeverExceedsTheMaximum() {
        assertThat(defaults.delayAfter(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.delayAfter(12)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aVeryLateAttemptIsCappedRatherThanOverflowing() {
        assertThat(defaults.delayAfter(63)).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.delayAfter(1_000)).isEqualTo(Duration.ofMinutes(5));
        assertThat(new DeliveryBackoff(Duration.ofDays(1), Duration.ofDays(365_000), 100).delayAfter(40))
                .isEqualTo(Duration.ofDays(365_000));
    }

    @Test
    void theNextAttemptIsDueAfterTheWaitUntilTheLastAttemptWasMade() {
        assertThat(defaults.nextAttempt(1, failedAt, Optional.empty())).contains(failedAt.plusSeconds(1));
        assertThat(defaults.nextAttempt(3, failedAt, Optional.empty())).contains(failedAt.plusSeconds(4));
        assertThat(defaults.nextAttempt(11, failedAt, Optional.empty())).contains(failedAt.plus(Duration.ofMinutes(5)));
        assertThat(defaults.nextAttempt(12, failedAt, Optional.empty())).isEmpty();
    }

    @Test
    void withOneAttemptAllowedTheFirstFailureIsFinal() {
        assertThat(new DeliveryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1).nextAttempt(1, failedAt, Optional.empty())).isEmpty();
    }

    @ParameterizedTest(name = "attempt {0}, Retry-After {1}s → wait {2}s")
    @CsvSource({
            "1, 30, 30",    // longer than the backoff: the target's wish
            "5, 3, 16",     // shorter than the backoff: the backoff
            "2, 3600, 300", // longer than the maximum: the maximum
    })
    void aRetryAfterLengthensTheWaitButNeverBeyondTheMaximum(int attempt, long retryAfterSeconds, long expectedSeconds) {
        assertThat(defaults.delayAfter(attempt, Optional.of(Duration.ofSeconds(retryAfterSeconds))))
                .isEqualTo(Duration.ofSeconds(expectedSeconds));
    }

    @Test
    void aScheduleThatCannotWorkIsRefused() {
        assertThatThrownBy(() -> new DeliveryBackoff(Duration.ZERO, Duration.ofSeconds(1), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.delayAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
