package dev.safesend.dispatch.domain;

import dev.safesend.dispatch.domain.WebhookIntake.Beat;
import dev.safesend.dispatch.domain.WebhookIntake.Hold;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookIntakeTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final Duration STALE = Duration.ofMillis(400);
    private static final Duration RETRY = Duration.ofSeconds(3);
    private final WebhookIntake intake = new WebhookIntake(STALE, Duration.ofMillis(250), RETRY, Duration.ofMinutes(10));

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    /** Instance {@code name}, started at T0, beating every 100 ms from {@code fromMillis} to {@code toMillis}, each read at once. */
    private void beats(String name, long startedMillis, long fromMillis, long toMillis) {
        for (long t = fromMillis; t <= toMillis; t += 100) {
            intake.observe(new Beat(name, at(t), at(startedMillis), null, null, false), at(t));
        }
    }

    @Test
    void beforeAnyBeatNothingTakesWebhooksSoEverythingIsHeld() {
        assertThat(intake.hold(T0)).isEqualTo(Hold.NO_INSTANCE);
    }

    @Test
    void aSteadyInstanceThatNeverRefusedHoldsNothingFromItsFirstBeat() {
        beats("a", 0, 0, 1_000);

        assertThat(intake.hold(at(1_050))).isEqualTo(Hold.NONE);
        assertThat(intake.liveInstances(at(1_050))).isEqualTo(1);
    }

    @Test
    void aRefusalHoldsForTheRetryWindowFromTheRefusalThenReleases() {
        beats("a", 0, 0, 500);
        intake.observe(new Beat("a", at(600), at(0), at(550), null, false), at(600));

        assertThat(intake.hold(at(650))).isEqualTo(Hold.RETRY_WINDOW);
        assertThat(intake.heldUntil(at(650))).isEqualTo(at(550).plus(RETRY));
        beats("a", 0, 700, 3_600);
        assertThat(intake.hold(at(3_540))).as("the refusal was at 550 ms").isEqualTo(Hold.RETRY_WINDOW);
        assertThat(intake.hold(at(3_560))).isEqualTo(Hold.NONE);
    }

    @Test
    void aKilledInstanceHoldsWhileNothingBeatsAndForTheRetryWindowAfterItsSuccessorsFirstBeat() {
        beats("a", 0, 0, 1_000);

        assertThat(intake.hold(at(1_300))).as("stale only after 400 ms").isEqualTo(Hold.NONE);
        assertThat(intake.hold(at(1_401))).isEqualTo(Hold.NO_INSTANCE);
        assertThat(intake.hold(at(7_000))).isEqualTo(Hold.NO_INSTANCE);
        beats("b", 7_000, 7_100, 10_100);

        assertThat(intake.hold(at(7_150))).as("Meta retries what failed while nobody took it").isEqualTo(Hold.RETRY_WINDOW);
        assertThat(intake.hold(at(10_050))).isEqualTo(Hold.RETRY_WINDOW);
        assertThat(intake.hold(at(10_101))).isEqualTo(Hold.NONE);
    }

    @Test
    void aCleanlyStoppedLoneInstanceStillLeavesAGapWhoseDeliveriesMetaRetries() {
        beats("a", 0, 0, 1_000);
        intake.observe(new Beat("a", at(1_050), at(0), null, null, true), at(1_050));

        assertThat(intake.hold(at(1_060))).isEqualTo(Hold.NO_INSTANCE);
        beats("b", 2_000, 2_000, 2_500);
        assertThat(intake.hold(at(2_550))).isEqualTo(Hold.RETRY_WINDOW);
        assertThat(intake.heldUntil(at(2_550))).isEqualTo(at(2_000).plus(RETRY));
    }

    @Test
    void oneOfTwoInstancesStoppingCleanlyHoldsNothingButOneLostWithoutAGoodbyeHoldsTheRetryWindow() {
        beats("a", 0, 0, 1_000);
        beats("b", 0, 50, 1_050);
        intake.observe(new Beat("a", at(1_100), at(0), null, null, true), at(1_100));
        beats("b", 0, 1_150, 2_050);

        assertThat(intake.hold(at(2_100))).as("a said goodbye; b took its deliveries all along").isEqualTo(Hold.NONE);

        beats("c", 2_000, 2_000, 2_400); // a rolling restart's new instance
        beats("b", 0, 2_150, 2_450);     // b's last beat, then it is killed
        beats("c", 2_000, 2_500, 4_000);
        assertThat(intake.liveInstances(at(4_000))).isEqualTo(1);
        assertThat(intake.hold(at(4_000))).as("b's unanswered deliveries go back to Meta").isEqualTo(Hold.RETRY_WINDOW);
        assertThat(intake.heldUntil(at(4_000))).isEqualTo(at(2_450).plus(STALE).plus(RETRY));
    }

    @Test
    void anInstanceRestartedUnderTheSameNameWithoutAGoodbyeIsADisruption() {
        beats("pod-0", 0, 0, 1_000);
        beats("pod-0", 1_050, 1_100, 1_300); // faster than it could go stale

        assertThat(intake.hold(at(1_300))).isEqualTo(Hold.RETRY_WINDOW);
        assertThat(intake.heldUntil(at(1_300))).isEqualTo(at(1_050).plus(RETRY));
    }

    @Test
    void aDeliveryCarryingUserMessagesThatWaitsInIngestLongerThanAllowedHoldsEveryoneUntilItIsAnswered() {
        beats("a", 0, 0, 1_000);
        intake.observe(new Beat("a", at(1_100), at(0), null, Duration.ofMillis(200), false), at(1_100));

        assertThat(intake.hold(at(1_100))).as("waited 200 ms").isEqualTo(Hold.NONE);
        assertThat(intake.hold(at(1_160))).as("and 60 ms since the beat was read").isEqualTo(Hold.INTAKE_BEHIND);
        intake.observe(new Beat("a", at(1_200), at(0), null, Duration.ofMillis(300), false), at(1_200));
        assertThat(intake.hold(at(1_200))).as("waited 300 ms: a STOP may sit in it").isEqualTo(Hold.INTAKE_BEHIND);
        intake.observe(new Beat("a", at(1_300), at(0), null, null, false), at(1_300));
        assertThat(intake.hold(at(1_300))).as("answered: now on Kafka, where the path's own hold takes over").isEqualTo(Hold.NONE);
    }

    @Test
    void aBeatWhoseClockRunsAheadCountsFromWhenItWasRead() {
        intake.observe(new Beat("a", at(5_000), at(0), null, null, false), at(0));

        assertThat(intake.hold(at(300))).isEqualTo(Hold.NONE);
        assertThat(intake.hold(at(500))).as("read at 0, stale 400 ms later whatever it says").isEqualTo(Hold.NO_INSTANCE);
    }

    @Test
    void beatsReadLateAfterAnOutageAreOldAndDoNotMakeAnInstanceLive() {
        beats("a", 0, 0, 1_000);
        // Kafka away from 1,000 to 8,000 ms: nothing read; then the beats written meanwhile arrive at once
        assertThat(intake.hold(at(8_000))).isEqualTo(Hold.NO_INSTANCE);
        intake.observe(new Beat("a", at(2_000), at(0), at(7_500), null, false), at(8_000));

        assertThat(intake.hold(at(8_000))).as("a beat 6 s old").isEqualTo(Hold.NO_INSTANCE);
        intake.observe(new Beat("a", at(8_000), at(0), at(7_500), null, false), at(8_000));
        assertThat(intake.hold(at(8_050))).as("the refusal at 7.5 s, while Kafka was away").isEqualTo(Hold.RETRY_WINDOW);
        assertThat(intake.heldUntil(at(8_050))).isEqualTo(at(8_000).plus(RETRY));
    }
}
