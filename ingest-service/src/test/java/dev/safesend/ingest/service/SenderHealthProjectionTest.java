package dev.safesend.ingest.service;

import dev.safesend.ingest.domain.CatchUp;
import dev.safesend.ingest.service.SenderHealthProjection.State;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SenderHealthProjectionTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T08:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final SenderHealthProjection projection = new SenderHealthProjection(Duration.ofMinutes(2), clock);

    @Test
    void theProjectionIsNotReadyBeforeItKnowsTheEndOffsetsAtStart() {
        assertThat(projection.readiness().ready()).isFalse();
        assertThat(projection.readiness().state()).isEqualTo(State.READING_END_OFFSETS);
        projection.read(0, 10);
        assertThat(projection.readiness().ready()).as("records read before the end offsets are known").isFalse();
    }

    @Test
    void theProjectionIsReadyOnlyAfterReadingEveryPartitionUpToTheEndOffsetsSeenAtStart() {
        projection.catchUpTo(CatchUp.of(Map.of(0, 0L, 1, 2L), Map.of(0, 3L, 1, 4L)));
        assertThat(projection.readiness()).isEqualTo(new SenderHealthProjection.Readiness(State.CATCHING_UP, 5));

        projection.read(0, 0);
        projection.read(0, 2);
        projection.read(1, 2);
        assertThat(projection.readiness()).isEqualTo(new SenderHealthProjection.Readiness(State.CATCHING_UP, 1));

        projection.read(1, 3);
        assertThat(projection.readiness()).isEqualTo(new SenderHealthProjection.Readiness(State.CAUGHT_UP, 0));
    }

    @Test
    void anEmptyTopicAtStartMakesTheProjectionReadyAtOnce() {
        projection.catchUpTo(CatchUp.of(Map.of(0, 0L, 1, 0L), Map.of(0, 0L, 1, 0L)));
        assertThat(projection.readiness().state()).isEqualTo(State.CAUGHT_UP);
    }

    @Test
    void onceCaughtUpTheProjectionStaysReadyWhateverIsWrittenLater() {
        projection.catchUpTo(CatchUp.of(Map.of(0, 0L), Map.of(0, 1L)));
        projection.read(0, 0);
        assertThat(projection.readiness().ready()).isTrue();
        now.set(now.get().plus(Duration.ofHours(1)));
        assertThat(projection.readiness().state()).isEqualTo(State.CAUGHT_UP);
    }

    @Test
    void afterTheCatchUpTimeoutTheProjectionIsReadyAnywayAndSaysItGaveUpWaiting() {
        projection.catchUpTo(CatchUp.of(Map.of(0, 0L), Map.of(0, 100L)));
        projection.read(0, 40);
        now.set(now.get().plus(Duration.ofSeconds(119)));
        assertThat(projection.readiness().ready()).isFalse();

        now.set(now.get().plus(Duration.ofSeconds(2)));
        assertThat(projection.readiness()).isEqualTo(new SenderHealthProjection.Readiness(State.GAVE_UP_WAITING, 59));
    }
}
