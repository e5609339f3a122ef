package dev.safesend.ingest.domain.campaign;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReleasePlanTest {

    private static final ZoneId HARARE = ZoneId.of("Africa/Harare"); // UTC+2, no DST
    private static final CampaignDefinition.Schedule WINDOWS = new CampaignDefinition.Schedule(null,
            List.of(new SendWindow(LocalTime.of(9, 0), LocalTime.of(12, 0)), new SendWindow(LocalTime.of(14, 0), LocalTime.of(20, 0))),
            0.6, ZoneId.of("UTC"));

    @Test
    void windowsOpenInTheRecipientsLocalTimeAndTheWeekendRunsAtItsShare() {
        ReleasePlan plan = new ReleasePlan(WINDOWS, CampaignDefinition.Pacing.NONE);
        // Friday 2026-12-04 07:30 UTC = 09:30 in Harare
        assertThat(plan.factor(HARARE, Instant.parse("2026-12-04T07:30:00Z"))).isEqualTo(1.0);
        assertThat(plan.factor(HARARE, Instant.parse("2026-12-04T10:30:00Z"))).as("12:30 local, between windows").isZero();
        assertThat(plan.factor(HARARE, Instant.parse("2026-12-04T18:00:00Z"))).as("20:00 local, closed").isZero();
        assertThat(plan.factor(HARARE, Instant.parse("2026-12-05T07:30:00Z"))).as("Saturday").isEqualTo(0.6);
        assertThat(plan.factor(ZoneId.of("UTC"), Instant.parse("2026-12-04T07:30:00Z"))).as("07:30 in UTC: not yet").isZero();
    }

    @Test
    void aMarketingCampaignReleasesNothingInTheSendersQuietHours() {
        ReleasePlan marketing = new ReleasePlan(CampaignDefinition.Schedule.ANYTIME, CampaignDefinition.Pacing.NONE,
                new SendWindow(LocalTime.of(21, 0), LocalTime.of(8, 0)));
        assertThat(marketing.factor(HARARE, Instant.parse("2026-12-04T20:00:00Z"))).as("22:00 local").isZero();
        assertThat(marketing.factor(HARARE, Instant.parse("2026-12-04T05:30:00Z"))).as("07:30 local").isZero();
        assertThat(marketing.factor(HARARE, Instant.parse("2026-12-04T06:00:00Z"))).as("08:00 local").isEqualTo(1.0);
        // 100 at 1/s from 20:59 local: one minute, then nothing until 08:00, then the rest
        Instant done = CampaignForecast.completion(marketing, Map.of(HARARE, 100L), Instant.parse("2026-12-04T18:59:00Z"), 1, 0, 0,
                CampaignForecast.Budget.NONE);
        assertThat(done).isEqualTo(Instant.parse("2026-12-05T06:00:40Z"));
    }

    @Test
    void aClosedZoneDoesNotSlowTheOpenOnes() {
        ReleasePlan plan = new ReleasePlan(WINDOWS, CampaignDefinition.Pacing.NONE);
        Instant t = Instant.parse("2026-12-04T07:30:00Z"); // open in Harare, closed in UTC
        assertThat(plan.factor(Map.of(HARARE, 100L, ZoneId.of("UTC"), 900L), t)).isEqualTo(1.0);
        assertThat(plan.factor(Map.of(ZoneId.of("UTC"), 900L), t)).isZero();
    }

    @Test
    void theHourlyAndDailyCeilingsBoundTheRateAndTheRoom() {
        ReleasePlan plan = new ReleasePlan(CampaignDefinition.Schedule.ANYTIME, new CampaignDefinition.Pacing(3600, 10_000));
        assertThat(plan.ratePerSecond(80)).isEqualTo(1.0);
        assertThat(plan.ceilingRoom(3000, 3000)).isEqualTo(600);
        assertThat(plan.ceilingRoom(100, 9_950)).isEqualTo(50);
        assertThat(plan.ceilingRoom(4000, 4000)).isZero();
        assertThat(new ReleasePlan(CampaignDefinition.Schedule.ANYTIME, CampaignDefinition.Pacing.NONE).ceilingRoom(1, 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theForecastOfAnOpenCampaignIsTheAudienceOverTheRate() {
        ReleasePlan plan = new ReleasePlan(CampaignDefinition.Schedule.ANYTIME, CampaignDefinition.Pacing.NONE);
        Instant from = Instant.parse("2026-12-04T07:00:00Z");
        Instant done = CampaignForecast.completion(plan, Map.of(HARARE, 48_000L), from, 80, 0, 0, CampaignForecast.Budget.NONE);
        assertThat(Duration.between(from, done).toMinutes()).isEqualTo(10); // 80/s = 4,800 a minute
    }

    @Test
    void theForecastWaitsForTheNextWindowAndRunsTheWeekendAtItsShare() {
        ReleasePlan plan = new ReleasePlan(WINDOWS, CampaignDefinition.Pacing.NONE);
        // Friday 21:00 in Harare: closed until Saturday 09:00, when 0.6 × 1/s = 36 a minute → 360 take 10 minutes
        Instant from = Instant.parse("2026-12-04T19:00:00Z");
        Instant done = CampaignForecast.completion(plan, Map.of(HARARE, 360L), from, 1, 0, 0, CampaignForecast.Budget.NONE);
        assertThat(done).isEqualTo(Instant.parse("2026-12-05T07:10:00Z"));
    }

    @Test
    void theForecastHonoursTheHourlyCeilingAndThePortfoliosBudget() {
        Instant from = Instant.parse("2026-12-04T07:00:00Z");
        ReleasePlan hourly = new ReleasePlan(CampaignDefinition.Schedule.ANYTIME, new CampaignDefinition.Pacing(600, 0));
        Instant done = CampaignForecast.completion(hourly, Map.of(HARARE, 1_800L), from, 80, 0, 0, CampaignForecast.Budget.NONE);
        assertThat(Duration.between(from, done).toMinutes()).isEqualTo(180);
        ReleasePlan open = new ReleasePlan(CampaignDefinition.Schedule.ANYTIME, CampaignDefinition.Pacing.NONE);
        // 1,000 left in the budget today, 1,000 a day: the second thousand waits for the first to leave the 24 h window
        Instant budgeted = CampaignForecast.completion(open, Map.of(HARARE, 2_000L), from, 80, 0, 0,
                new CampaignForecast.Budget(0, 1_000, Duration.ofHours(24), null, from));
        assertThat(Duration.between(from, budgeted).toHours()).isEqualTo(24);
        assertThat(CampaignForecast.completion(new ReleasePlan(new CampaignDefinition.Schedule(null, List.of(), 0, null),
                CampaignDefinition.Pacing.NONE), Map.of(HARARE, 1L), Instant.parse("2026-12-05T07:00:00Z"), 80, 0, 0,
                CampaignForecast.Budget.NONE)).as("weekend share 0 from a Saturday: Monday").isNotNull();
    }

    @Test
    void recipientsDispatchWillSuppressLeaveTheReplayAndTheCompletionComesSooner() {
        ZoneId utc = ZoneId.of("UTC");
        Map<ZoneId, Long> queued = Map.of(HARARE, 100L, utc, 10L);
        Map<ZoneId, Long> left = CampaignForecast.less(queued, Map.of(HARARE, 40L, utc, 10L, ZoneId.of("Europe/Lisbon"), 3L));
        assertThat(left).as("an emptied zone is dropped, a zone with none queued changes nothing").containsExactly(Map.entry(HARARE, 60L));
        assertThat(CampaignForecast.less(queued, Map.of(HARARE, 500L))).as("never below zero").containsExactly(Map.entry(utc, 10L));

        Instant from = Instant.parse("2026-12-04T07:00:00Z");
        ReleasePlan hourly = new ReleasePlan(CampaignDefinition.Schedule.ANYTIME, new CampaignDefinition.Pacing(360, 0));
        Instant all = CampaignForecast.completion(hourly, queued, from, 80, 0, 0, CampaignForecast.Budget.NONE);
        Instant fewer = CampaignForecast.completion(hourly, left, from, 80, 0, 0, CampaignForecast.Budget.NONE);
        assertThat(Duration.between(from, all)).as("110 at 0.1/s").isEqualTo(Duration.ofSeconds(1_100));
        assertThat(Duration.between(from, fewer)).as("60 at 0.1/s").isEqualTo(Duration.ofSeconds(600));
    }
}
