package dev.safesend.dispatch.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SenderBackoffTest {

    private final SenderBackoff backoff = new SenderBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void aSenderNeverThrottledMayCallAtOnce() {
        assertThat(backoff.remainingMillis(10_000)).isLessThanOrEqualTo(0);
        assertThat(backoff.activeUntilMillis(10_000)).isZero();
    }

    @Test
    void eachThrottlingEpisodeDoublesThePauseUpToTheCap() {
        long now = 100_000;
        for (long expected : new long[]{1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000}) {
            assertThat(backoff.throttled(now)).hasValue(expected);
            assertThat(backoff.remainingMillis(now)).isEqualTo(expected);
            assertThat(backoff.activeUntilMillis(now)).isEqualTo(now + expected);
            now += expected;
        }
        assertThat(backoff.level()).isEqualTo(7);
    }

    @Test
    void aThrottledAnswerDuringThePauseBelongsToTheSameEpisode() {
        backoff.throttled(100_000);

        assertThat(backoff.throttled(100_500)).isEmpty();
        assertThat(backoff.level()).isEqualTo(1);
        assertThat(backoff.remainingMillis(100_500)).isEqualTo(500);
    }

    @Test
    void anAcceptedCallStartsTheNextSeriesAtTheFirstPause() {
        backoff.throttled(100_000);
        backoff.throttled(101_000);
        backoff.accepted();

        assertThat(backoff.level()).isZero();
        assertThat(backoff.throttled(200_000)).hasValue(1_000);
    }

    @Test
    void aStoreOutagePausesForItsOwnTimeInPlaceOfThePauseUnderWay() {
        backoff.throttled(100_000);
        backoff.throttled(101_000); // 2 s, until 103,000

        backoff.pauseFor(Duration.ofSeconds(1), 101_500);

        assertThat(backoff.remainingMillis(101_500)).isEqualTo(1_000);
        assertThat(backoff.activeUntilMillis(102_500)).isZero();
        assertThat(backoff.level()).as("the throttling series goes on").isEqualTo(2);
    }
}
