package dev.safesend.ingest.service;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeStateTest {

    private final IntakeState intake = new IntakeState();

    @Test
    void onlyDeliveriesCarryingSignalsAreTrackedAndTheOldestUnansweredOneIsReported() {
        long statuses = intake.arrived(false);
        assertThat(statuses).isNegative();
        assertThat(intake.oldestPendingMillis(Instant.now())).as("statuses alone cannot opt anyone out").isNull();

        long first = intake.arrived(true);
        Instant afterFirst = Instant.now();
        long second = intake.arrived(true);
        assertThat(intake.oldestPendingMillis(afterFirst.plusMillis(700))).isBetween(700L, 800L);

        intake.answered(first, false);
        intake.answered(statuses, true);
        assertThat(intake.refused()).as("answered statuses never count").isZero();
        assertThat(intake.oldestPendingMillis(Instant.now())).as("the second is still waiting").isNotNull();
        intake.answered(second, false);
        assertThat(intake.oldestPendingMillis(Instant.now())).isNull();
        assertThat(intake.lastRefusedAt()).isNull();
    }

    @Test
    void aRefusedDeliveryIsCountedWithItsTimeAndNoLongerPending() {
        Instant before = Instant.now();
        long stop = intake.arrived(true);
        intake.answered(stop, true);

        assertThat(intake.refused()).isEqualTo(1);
        assertThat(intake.lastRefusedAt()).isAfterOrEqualTo(before);
        assertThat(intake.oldestPendingMillis(Instant.now())).isNull();
        assertThat(intake.startedAt()).isBeforeOrEqualTo(before);
    }
}
