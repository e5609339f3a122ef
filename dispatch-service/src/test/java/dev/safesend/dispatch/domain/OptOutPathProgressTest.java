package dev.safesend.dispatch.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OptOutPathProgressTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private final OptOutPathProgress progress = new OptOutPathProgress(Duration.ofSeconds(1), Duration.ofSeconds(2));

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

    /** dispatch committed {@code windows} on the inbound topic, whose end is at {@code inboundEnd}. */
    private static OptOutPathProgress.Reading inbound(long windows, long inboundEnd, Instant at) {
        return new OptOutPathProgress.Reading(Map.of(0, 0L), Map.of(0, windows), Map.of(), Map.of(0, inboundEnd), Map.of(), at);
    }

    @Test
    void thePathIsBehindUntilDispatchHasReadEveryInboundMessageThatExistedASecondAgo() {
        progress.observe(inbound(400, 500, T0));
        assertThat(progress.behind(T0)).as("dispatch has never caught up with the inbound topic").isTrue();

        progress.observe(inbound(500, 600, T0.plusMillis(300))); // reached what existed at T0
        assertThat(progress.behind(T0.plusMillis(300))).isFalse();
        assertThat(progress.behind(T0.plusMillis(1200))).as("caught up only with T0, 1.2 s ago").isTrue();

        progress.observe(inbound(600, 600, T0.plusMillis(1100)));
        assertThat(progress.behind(T0.plusMillis(1200))).isFalse();
        assertThat(progress.lag()).isEqualTo(new OptOutPathProgress.Lag(600, 0, 0));
    }

    @Test
    void thePathIsBehindWhenNoReadingCameForAWhile() {
        progress.observe(inbound(600, 600, T0));

        assertThat(progress.behind(T0.plusMillis(500))).isFalse();
        assertThat(progress.behind(T0.plusSeconds(3))).as("no reading for 3 s: Kafka unreachable").isTrue();
    }
}
