package dev.safesend.simulator.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketTest {

    private final MutableClock clock = MutableClock.startingAt("2025-07-01T10:00:00Z");

    @Test
    void eightyPerSecondBucketGivesEightyTokensAtOnceThenRefuses() {
        TokenBucket bucket = TokenBucket.perSecond(80);

        for (int i = 0; i < 80; i++) {
            assertThat(bucket.tryTake(clock.instant())).as("take %d", i + 1).isTrue();
        }

        assertThat(bucket.tryTake(clock.instant())).isFalse();
    }

    @Test
    void emptiedBucketEarnsOneTokenPerEmissionInterval() {
        TokenBucket bucket = TokenBucket.perSecond(80);
        for (int i = 0; i < 80; i++) {
            bucket.tryTake(clock.instant());
        }

        clock.advance(Duration.ofMillis(12));
        assertThat(bucket.tryTake(clock.instant())).as("12 ms < 12.5 ms").isFalse();

        clock.advance(Duration.ofNanos(500_000));
        assertThat(bucket.tryTake(clock.instant())).as("after exactly 12.5 ms").isTrue();
        assertThat(bucket.tryTake(clock.instant())).isFalse();
    }

    @Test
    void refillNeverExceedsCapacity() {
        TokenBucket bucket = TokenBucket.perSecond(5);
        clock.advance(Duration.ofHours(1));

        int taken = 0;
        while (bucket.tryTake(clock.instant())) {
            taken++;
        }

        assertThat(taken).isEqualTo(5);
    }

    @Test
    void oneEverySixSecondsIsExactWithoutFloatingPointDrift() {
        TokenBucket bucket = TokenBucket.oneEvery(Duration.ofSeconds(6), 1);
        assertThat(bucket.tryTake(clock.instant())).isTrue();

        clock.advance(Duration.ofSeconds(6).minusNanos(1));
        assertThat(bucket.tryTake(clock.instant())).isFalse();
        assertThat(bucket.waitTime(clock.instant())).isEqualTo(Duration.ofNanos(1));

        clock.advance(Duration.ofNanos(1));
        assertThat(bucket.tryTake(clock.instant())).isTrue();
    }

    @Test
    void bucketIsFullOnlyOnceEveryTakenTokenHasBeenEarnedBack() {
        TokenBucket bucket = TokenBucket.oneEvery(Duration.ofSeconds(6), 3);
        Instant start = clock.instant();
        assertThat(bucket.isFull(start)).isTrue();

        bucket.tryTake(start);
        bucket.tryTake(start);

        assertThat(bucket.isFull(start.plusSeconds(11))).isFalse();
        assertThat(bucket.isFull(start.plusSeconds(12))).isTrue();
    }

    @Test
    void zeroRateIsRejected() {
        assertThatThrownBy(() -> TokenBucket.perSecond(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenBucket.oneEvery(Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
