package dev.safesend.analytics.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LastTouchTest {

    private static final Duration WINDOW = Duration.ofDays(30);
    private static final Instant CONVERTED = Instant.parse("2026-12-31T10:00:00Z");

    private static Touch touch(String id, String campaign, Instant deliveredAt) {
        return new Touch(id, campaign, "shop", "+263771234567", "+263771234567", "wamid." + id, "s-1", deliveredAt);
    }

    @Test
    void theLastTouchBeforeTheConversionTakesTheCreditAndTheJourneyIsEveryTouchInOrder() {
        Touch a = touch("m-a", "c-1", CONVERTED.minus(Duration.ofDays(20)));
        Touch b = touch("m-b", "c-2", CONVERTED.minus(Duration.ofDays(5)));
        Touch c = touch("m-c", "c-1", CONVERTED.minus(Duration.ofHours(1)));

        LastTouch.Attribution r = LastTouch.attribute(CONVERTED, List.of(c, a, b), WINDOW);

        assertThat(r.lastTouch()).isEqualTo(c);
        assertThat(r.journey()).containsExactly(a, b, c);
    }

    @Test
    void aTouchExactlyThirtyDaysBeforeCountsAndOneAMillisecondOlderDoesNot() {
        Touch edge = touch("m-edge", "c-1", CONVERTED.minus(WINDOW));
        Touch older = touch("m-older", "c-0", CONVERTED.minus(WINDOW).minusMillis(1));

        LastTouch.Attribution r = LastTouch.attribute(CONVERTED, List.of(older, edge), WINDOW);

        assertThat(r.lastTouch()).isEqualTo(edge);
        assertThat(r.journey()).containsExactly(edge);
        assertThat(LastTouch.attribute(CONVERTED, List.of(older), WINDOW).lastTouch()).isNull();
    }

    @Test
    void aTouchAfterTheConversionNeverCountsEvenByAMillisecond() {
        Touch before = touch("m-1", "c-1", CONVERTED.minus(Duration.ofDays(2)));
        Touch after = touch("m-2", "c-2", CONVERTED.plusMillis(1));
        Touch atTheSameInstant = touch("m-3", "c-3", CONVERTED);

        assertThat(LastTouch.attribute(CONVERTED, List.of(after, before), WINDOW).lastTouch()).isEqualTo(before);
        assertThat(LastTouch.attribute(CONVERTED, List.of(after, before), WINDOW).journey()).containsExactly(before);
        assertThat(LastTouch.attribute(CONVERTED, List.of(after, atTheSameInstant), WINDOW).lastTouch()).isEqualTo(atTheSameInstant);
    }

    @Test
    void aMessageSeenTwiceIsOneTouchAndEqualTimesAreOrderedByMessageId() {
        Instant t = CONVERTED.minus(Duration.ofDays(1));
        Touch x = touch("m-x", "c-1", t);
        Touch y = touch("m-y", "c-2", t);

        LastTouch.Attribution r = LastTouch.attribute(CONVERTED, List.of(y, x, y, x), WINDOW);

        assertThat(r.journey()).containsExactly(x, y);
        assertThat(r.lastTouch()).isEqualTo(y);
    }

    @Test
    void noTouchInTheWindowLeavesTheConversionUnattributed() {
        LastTouch.Attribution r = LastTouch.attribute(CONVERTED, List.of(), WINDOW);

        assertThat(r.lastTouch()).isNull();
        assertThat(r.journey()).isEmpty();
    }
}
