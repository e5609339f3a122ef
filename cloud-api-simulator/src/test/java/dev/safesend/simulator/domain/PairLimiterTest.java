package dev.safesend.simulator.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PairLimiterTest {

    private static final PairKey ALICE = new PairKey("106540352242922", "263771234567");
    private static final PairKey BOB = new PairKey("106540352242922", "263771234568");

    private final MutableClock clock = MutableClock.startingAt("2025-07-01T10:00:00Z");

    @Test
    void secondMessageToSameRecipientWithinSixSecondsIsRefused() {
        PairLimiter limiter = new PairLimiter(clock, Duration.ofSeconds(6), 1);
        assertThat(limiter.tryAcquire(ALICE)).isTrue();

        clock.advance(Duration.ofMillis(5_999));

        assertThat(limiter.tryAcquire(ALICE)).isFalse();
        assertThat(limiter.waitTime(ALICE)).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void sameRecipientMayReceiveAgainAfterSixSeconds() {
        PairLimiter limiter = new PairLimiter(clock, Duration.ofSeconds(6), 1);
        limiter.tryAcquire(ALICE);

        clock.advance(Duration.ofSeconds(6));

        assertThat(limiter.tryAcquire(ALICE)).isTrue();
    }

    @Test
    void otherRecipientsOfTheSameNumberAreUnaffected() {
        PairLimiter limiter = new PairLimiter(clock, Duration.ofSeconds(6), 1);
        limiter.tryAcquire(ALICE);

        assertThat(limiter.tryAcquire(BOB)).isTrue();
        assertThat(limiter.tryAcquire(new PairKey("999", ALICE.waId()))).as("another business number").isTrue();
    }

    @Test
    void thirdMessageToSameRecipientWithinSixSecondsIsRefusedWithBurstOfTwo() {
        PairLimiter limiter = new PairLimiter(clock, Duration.ofSeconds(6), 2);

        assertThat(limiter.tryAcquire(ALICE)).isTrue();
        assertThat(limiter.tryAcquire(ALICE)).isTrue();
        assertThat(limiter.tryAcquire(ALICE)).isFalse();
    }

    @Test
    void pairsWhoseQuotaIsBackAreForgotten() {
        PairLimiter limiter = new PairLimiter(clock, Duration.ofSeconds(6), 1);
        limiter.tryAcquire(ALICE);
        clock.advance(Duration.ofSeconds(3));
        limiter.tryAcquire(BOB);

        clock.advance(Duration.ofSeconds(3));

        assertThat(limiter.evictIdle()).isEqualTo(1);
        assertThat(limiter.trackedPairs()).isEqualTo(1);
        assertThat(limiter.tryAcquire(BOB)).as("Bob's quota is still in use").isFalse();
    }
}
