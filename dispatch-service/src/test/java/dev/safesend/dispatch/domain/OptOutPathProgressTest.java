package dev.safesend.dispatch.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OptOutPathProgressTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private final OptOutPathProgress progress = new OptOutPathProgress(100, Duration.ofSeconds(2));

    /** consent committed C on inbound partition 0; dispatch's projection at A of end E on consent-changes partition 0. */
    private static OptOutPathProgress.Reading reading(long consentCommitted, long projectionCommitted, long changesEnd, Instant at) {
        return new OptOutPathProgress.Reading(Map.of(0, consentCommitted), Map.of(0, 50L), Map.of(0, projectionCommitted),
                Map.of(0, 50L), Map.of(0, changesEnd), at);
    }

    @Test
    void beforeAnyReadingEveryoneWhoWroteMayBeChangingAndThePathIsBehind() {
        assertThat(progress.mayBeChanging(0, 0)).isTrue();
        assertThat(progress.behind(T0)).isTrue();
        assertThat(progress.lag()).isEqualTo(new OptOutPathProgress.Lag(-1, -1, -1));
    }

    @Test
    void aMessageBelowWhatConsentCommittedIsClearedOnceTheProjectionHasAppliedEveryChangePublishedBefore() {
        progress.observe(reading(10, 7, 7, T0));

        assertThat(progress.mayBeChanging(0, 9)).isFalse();
        assertThat(progress.mayBeChanging(0, 10)).as("consent-service has not acknowledged offset 10 yet").isTrue();
        assertThat(progress.mayBeChanging(1, 0)).as("a partition consent-service never committed clears nothing").isTrue();
    }

    @Test
    void aMessageConsentHandledIsNotClearedWhileTheProjectionHasNotReachedTheChangesPublishedBeforeThat() {
        progress.observe(reading(10, 6, 7, T0));

        assertThat(progress.mayBeChanging(0, 9)).isTrue();
    }

    @Test
    void aReadingThatCouldNotClearIsClearedByALaterOneWhoseProjectionReachedItsEndUnderContinuousLoad() {
        progress.observe(reading(10, 6, 7, T0));
        progress.observe(reading(20, 7, 12, T0.plusMillis(50))); // caught up with the first reading, not with its own

        assertThat(progress.mayBeChanging(0, 9)).isFalse();
        assertThat(progress.mayBeChanging(0, 10)).isTrue();

        progress.observe(reading(30, 12, 15, T0.plusMillis(100)));
        assertThat(progress.mayBeChanging(0, 19)).isFalse();
        assertThat(progress.mayBeChanging(0, 20)).isTrue();
    }

    @Test
    void clearedOffsetsNeverMoveBack() {
        progress.observe(reading(10, 7, 7, T0));
        progress.observe(reading(4, 7, 7, T0.plusMillis(50)));

        assertThat(progress.mayBeChanging(0, 9)).isFalse();
    }

    @Test
    void thePathIsBehindWhenDispatchHasNotReadTooManyInboundMessagesOrNoReadingCameForAWhile() {
        progress.observe(new OptOutPathProgress.Reading(Map.of(0, 0L), Map.of(0, 400L), Map.of(), Map.of(0, 500L), Map.of(), T0));
        assertThat(progress.behind(T0)).as("100 unread is not more than the bound").isFalse();
        assertThat(progress.behind(T0.plusSeconds(3))).as("no reading for 3 s").isTrue();

        progress.observe(new OptOutPathProgress.Reading(Map.of(0, 0L), Map.of(0, 399L), Map.of(), Map.of(0, 500L), Map.of(), T0));
        assertThat(progress.behind(T0)).isTrue();
        assertThat(progress.lag()).isEqualTo(new OptOutPathProgress.Lag(500, 0, 101));
    }
}
