package dev.safesend.ingest.domain.campaign;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The forecast's second stage: dispatch's portfolio budget over its rolling window, as the gate applies it. */
class CampaignForecastTest {

    private static final ZoneId HARARE = ZoneId.of("Africa/Harare"); // UTC+2, no DST
    private static final Instant FRIDAY_0900_HARARE = Instant.parse("2026-12-04T07:00:00Z");
    private static final ReleasePlan OPEN = new ReleasePlan(CampaignDefinition.Schedule.ANYTIME, CampaignDefinition.Pacing.NONE);

    private static CampaignForecast.Budget fresh(long limit, Duration window) {
        return new CampaignForecast.Budget(0, limit, window, null, FRIDAY_0900_HARARE);
    }

    private static long seconds(Instant done) {
        return Duration.between(FRIDAY_0900_HARARE, done).toSeconds();
    }

    @Test
    void aBudgetOfAQuarterOfTheAudienceRollsThreeTimesOneWindowApart() {
        // 1,000 at 10/s: 250 go in the first 25 s, then each quarter waits for the previous one to leave the window
        Instant twoMinutes = CampaignForecast.completion(OPEN, Map.of(HARARE, 1_000L), FRIDAY_0900_HARARE, 10, 0, 0,
                fresh(250, Duration.ofMinutes(2)));
        assertThat(seconds(twoMinutes)).isEqualTo(3 * 120 + 30);

        Instant metaDay = CampaignForecast.completion(OPEN, Map.of(HARARE, 1_000L), FRIDAY_0900_HARARE, 10, 0, 0,
                fresh(250, Duration.ofHours(24)));
        assertThat(seconds(metaDay)).isEqualTo(3 * 86_400 + 30);

        Instant unbounded = CampaignForecast.completion(OPEN, Map.of(HARARE, 1_000L), FRIDAY_0900_HARARE, 10, 0, 0,
                CampaignForecast.Budget.NONE);
        assertThat(seconds(unbounded)).as("the release alone: 1,000 at 10/s").isEqualTo(100);
    }

    @Test
    void dispatchSendsWhatItHoldsByTheBudgetAfterTheCampaignsWindowHasClosed() {
        // released 09:00–09:02 local (all 1,000 in 100 s); the budget lets the held ones out later, window or not
        ReleasePlan twoMinutes = new ReleasePlan(new CampaignDefinition.Schedule(null,
                List.of(new SendWindow(LocalTime.of(9, 0), LocalTime.of(9, 2))), 1.0, ZoneId.of("UTC")), CampaignDefinition.Pacing.NONE);
        Instant done = CampaignForecast.completion(twoMinutes, Map.of(HARARE, 1_000L), FRIDAY_0900_HARARE, 10, 0, 0,
                fresh(250, Duration.ofMinutes(2)));
        assertThat(seconds(done)).isEqualTo(3 * 120 + 30);
        // a window too short to release everything: the rest waits for the next day's window, not for the budget
        Instant nextDay = CampaignForecast.completion(twoMinutes, Map.of(HARARE, 1_500L), FRIDAY_0900_HARARE, 10, 0, 0,
                fresh(250, Duration.ofMinutes(2)));
        assertThat(nextDay).isAfter(Instant.parse("2026-12-05T07:00:00Z")).isBefore(Instant.parse("2026-12-05T08:00:00Z"));
    }

    @Test
    void openingsMadeBeforeTheForecastLeaveEvenlyFromTheOldestOnesRollOffToOneWindowAfterTheRead() {
        // 250 of 250 used; the oldest leaves 30 s after the read, the newest 120 s after it: ~2.8 leave per second
        CampaignForecast.Budget full = new CampaignForecast.Budget(250, 250, Duration.ofMinutes(2),
                FRIDAY_0900_HARARE.plusSeconds(30), FRIDAY_0900_HARARE);
        assertThat(full.rolledOffBy(FRIDAY_0900_HARARE.plusSeconds(29))).isZero();
        assertThat(full.rolledOffBy(FRIDAY_0900_HARARE.plusSeconds(30))).isEqualTo(1);
        assertThat(full.rolledOffBy(FRIDAY_0900_HARARE.plusSeconds(75))).isEqualTo(125);
        assertThat(full.rolledOffBy(FRIDAY_0900_HARARE.plusSeconds(120))).isEqualTo(250);
        // 100 new recipients at 100/s: the 100th place frees between 60 and 70 s
        Instant done = CampaignForecast.completion(OPEN, Map.of(HARARE, 100L), FRIDAY_0900_HARARE, 100, 0, 0, full);
        assertThat(seconds(done)).isEqualTo(80);
        // nothing said of the oldest: all of them are assumed to leave one window after the read
        Instant unknown = CampaignForecast.completion(OPEN, Map.of(HARARE, 100L), FRIDAY_0900_HARARE, 100, 0, 0,
                new CampaignForecast.Budget(250, 250, Duration.ofMinutes(2), null, FRIDAY_0900_HARARE));
        assertThat(seconds(unknown)).isEqualTo(130);
    }

    @Test
    void aLimitLoweredBelowWhatIsUsedWaitsUntilEnoughHaveLeft() {
        // the tier fell to 250 while 400 are counted: 151 must leave before the first new recipient
        CampaignForecast.Budget over = new CampaignForecast.Budget(400, 250, Duration.ofMinutes(10),
                FRIDAY_0900_HARARE.plusSeconds(1), FRIDAY_0900_HARARE);
        assertThat(over.left()).isZero();
        Instant done = CampaignForecast.completion(OPEN, Map.of(HARARE, 1L), FRIDAY_0900_HARARE, 10, 0, 0, over);
        // 151 of 400 have left once (t - 1) / 599 × 399 ≥ 150: t ≥ 226.2 s, so the step starting at 230 s sends it
        assertThat(seconds(done)).isEqualTo(240);
    }

    @Test
    void messagesHeldLongerThanTheirTimeToLiveExpireInDispatchAndTheCampaignEndsThen() {
        Instant done = CampaignForecast.completion(OPEN, Map.of(HARARE, 300L), FRIDAY_0900_HARARE, 100, 0, 0,
                fresh(100, Duration.ofHours(24)), 0, Duration.ofHours(2));
        assertThat(Duration.between(FRIDAY_0900_HARARE, done)).isBetween(Duration.ofHours(2), Duration.ofHours(2).plusMinutes(1));
    }

    @Test
    void messagesAlreadyInDispatchAreReplayedWithTheQueuedOnes() {
        assertThat(CampaignForecast.completion(OPEN, Map.of(), FRIDAY_0900_HARARE, 10, 0, 0, CampaignForecast.Budget.NONE, 50, null))
                .as("50 at 10/s, in one 10-s step").isEqualTo(FRIDAY_0900_HARARE.plusSeconds(10));
        // 100 waiting and the budget full until one window after the read: they go when it rolls
        CampaignForecast.Budget full = new CampaignForecast.Budget(100, 100, Duration.ofMinutes(1), null, FRIDAY_0900_HARARE);
        assertThat(seconds(CampaignForecast.completion(OPEN, Map.of(), FRIDAY_0900_HARARE, 10, 0, 0, full, 100, null)))
                .isEqualTo(60 + 10);
        assertThat(CampaignForecast.completion(OPEN, Map.of(), FRIDAY_0900_HARARE, 10, 0, 0, CampaignForecast.Budget.NONE, 0, null))
                .isEqualTo(FRIDAY_0900_HARARE);
    }
}
