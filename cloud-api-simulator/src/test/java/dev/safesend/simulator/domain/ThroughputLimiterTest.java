package dev.safesend.simulator.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ThroughputLimiterTest {

    private final MutableClock clock = MutableClock.startingAt("2025-07-01T10:00:00Z");
    private final ThroughputLimiter limiter = new ThroughputLimiter(clock,
            new BusinessNumbers(Map.of(), Map.of("222", 2), 80));

    @Test
    void numberWithoutOverrideGetsTheDefaultEightyPerSecond() {
        assertThat(takes("111")).isEqualTo(80);
    }

    @Test
    void overriddenNumberIsLimitedAtItsOwnRate() {
        assertThat(takes("222")).isEqualTo(2);

        clock.advance(Duration.ofMillis(500));

        assertThat(limiter.tryAcquire("222")).isTrue();
        assertThat(limiter.tryAcquire("222")).isFalse();
    }

    @Test
    void numbersDoNotShareABucket() {
        takes("222");

        assertThat(limiter.tryAcquire("333")).isTrue();
    }

    @Test
    void resetRefillsEveryBucket() {
        takes("222");

        limiter.reset();

        assertThat(limiter.tryAcquire("222")).isTrue();
    }

    private int takes(String phoneNumberId) {
        int taken = 0;
        while (limiter.tryAcquire(phoneNumberId)) {
            taken++;
        }
        return taken;
    }
}
