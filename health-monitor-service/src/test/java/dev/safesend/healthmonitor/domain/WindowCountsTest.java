package dev.safesend.healthmonitor.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WindowCountsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:30Z");

    @Test
    void countsFallOutOfEachWindowAsTimePasses() {
        WindowCounts w = new WindowCounts();
        w.add("SENT", NOW.minus(Duration.ofMinutes(30)), 3, NOW);
        w.add("SENT", NOW.minus(Duration.ofHours(5)), 4, NOW);
        w.add("SENT", NOW.minus(Duration.ofDays(3)), 5, NOW);
        assertThat(w.sum("SENT", WindowCounts.HOUR, NOW)).isEqualTo(3);
        assertThat(w.sum("SENT", WindowCounts.DAY, NOW)).isEqualTo(7);
        assertThat(w.sum("SENT", WindowCounts.WEEK, NOW)).isEqualTo(12);
        Instant later = NOW.plus(Duration.ofHours(2));
        assertThat(w.sum("SENT", WindowCounts.HOUR, later)).isZero();
        assertThat(w.sum("SENT", WindowCounts.DAY, later)).isEqualTo(7);
        assertThat(w.sum("SENT", WindowCounts.WEEK, NOW.plus(Duration.ofDays(5)))).isEqualTo(7);
        assertThat(w.sum("SENT", WindowCounts.WEEK, NOW.plus(Duration.ofDays(7)))).isZero();
    }

    @Test
    void aSlotReusedForANewerMinuteForgetsTheOldCount() {
        WindowCounts w = new WindowCounts();
        w.add("READ", NOW, 2, NOW);
        Instant nextDay = NOW.plus(Duration.ofDays(1));
        w.add("READ", nextDay, 1, nextDay);
        assertThat(w.sum("READ", Duration.ofMinutes(1), nextDay)).isEqualTo(1);
        // a late count for the old minute does not land in the reused slot
        w.add("READ", NOW, 5, nextDay);
        assertThat(w.sum("READ", Duration.ofMinutes(1), nextDay)).isEqualTo(1);
    }

    @Test
    void aTimeInTheFutureCountsNowAndOneOlderThanAWeekIsIgnored() {
        WindowCounts w = new WindowCounts();
        w.add("SENT", NOW.plusSeconds(600), 1, NOW);
        w.add("SENT", NOW.minus(Duration.ofDays(8)), 1, NOW);
        assertThat(w.sum("SENT", Duration.ofMinutes(1), NOW)).isEqualTo(1);
        assertThat(w.sum("SENT", WindowCounts.WEEK, NOW)).isEqualTo(1);
    }

    @Test
    void restoredBucketsReadLikeCountedOnes() {
        WindowCounts w = new WindowCounts();
        w.restore("DELIVERED", false, NOW.minus(Duration.ofMinutes(10)), 4, NOW);
        w.restore("DELIVERED", true, NOW.minus(Duration.ofMinutes(10)), 4, NOW);
        w.restore("DELIVERED", true, NOW.minus(Duration.ofDays(2)), 6, NOW);
        assertThat(w.sum("DELIVERED", WindowCounts.HOUR, NOW)).isEqualTo(4);
        assertThat(w.sum("DELIVERED", WindowCounts.WEEK, NOW)).isEqualTo(10);
    }
}
