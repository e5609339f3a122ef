package dev.safesend.simulator.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerServiceWindowTest {

    private static final PairKey PAIR = new PairKey("106540352242922", "263771234567");

    private final MutableClock clock = MutableClock.startingAt("2025-07-01T10:00:00Z");
    private final CustomerServiceWindow window = new CustomerServiceWindow(clock, Duration.ofHours(24));

    @Test
    void windowIsClosedUntilTheUserWrites() {
        assertThat(window.isOpen(PAIR)).isFalse();
        assertThat(window.closesAt(PAIR)).isEmpty();
    }

    @Test
    void inboundMessageOpensTheWindowForTwentyFourHours() {
        window.open(PAIR);

        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(window.isOpen(PAIR)).isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(window.isOpen(PAIR)).isFalse();
    }

    @Test
    void laterInboundMessageRefreshesTheWindow() {
        window.open(PAIR);
        clock.advance(Duration.ofHours(20));
        window.open(PAIR);

        clock.advance(Duration.ofHours(10));

        assertThat(window.isOpen(PAIR)).isTrue();
        assertThat(window.closesAt(PAIR)).contains(Instant.parse("2025-07-02T06:00:00Z").plus(Duration.ofHours(24)));
    }

    @Test
    void windowIsPerBusinessNumber() {
        window.open(PAIR);

        assertThat(window.isOpen(new PairKey("999", PAIR.waId()))).isFalse();
    }

    @Test
    void closedWindowsAreForgotten() {
        window.open(PAIR);
        clock.advance(Duration.ofHours(25));
        window.open(new PairKey("999", PAIR.waId()));

        assertThat(window.evictClosed()).isEqualTo(1);
    }
}
