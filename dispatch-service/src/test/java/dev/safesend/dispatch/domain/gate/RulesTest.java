package dev.safesend.dispatch.domain.gate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RulesTest {

    @ParameterizedTest(name = "code {0} (HTTP {1}) → {2}")
    @CsvSource({
            "130429, 400, BACK_OFF_SENDER_AND_RETRY",
            "131056, 400, RETRY_RECIPIENT_LATER",
            "131000, 500, RETRY_WITH_BACKOFF",
            "131016, 503, RETRY_WITH_BACKOFF",
            "131049, 400, DEFER_A_DAY",
            "131026, 400, FAIL",
            "131062, 400, FAIL",
            "131021, 400, FAIL",
            "132000, 400, FAIL",
            "132001, 404, FAIL",
            "132005, 400, FAIL",
            "132015, 400, FAIL",
            "132016, 400, FAIL",
            "131050, 400, FAIL_AND_REPORT_OPT_OUT",
            "131048, 400, PAUSE_SENDER",
            "368, 403, PAUSE_SENDER",
            "131031, 403, PAUSE_SENDER",
            "100, 400, FAIL",
            "999999, 502, RETRY_WITH_BACKOFF"})
    void everyMetaErrorCodeHasItsAction(int code, int http, ErrorAction expected) {
        assertThat(ErrorPolicy.actionFor(code, http)).isEqualTo(expected);
    }

    @Test
    void noAnswerAtAllIsRetriedWithBackoff() {
        assertThat(ErrorPolicy.actionFor(null, 0)).isEqualTo(ErrorAction.RETRY_WITH_BACKOFF);
        assertThat(ErrorPolicy.actionFor(null, 503)).isEqualTo(ErrorAction.RETRY_WITH_BACKOFF);
        assertThat(ErrorPolicy.actionFor(null, 400)).isEqualTo(ErrorAction.FAIL);
    }

    @Test
    void aUsNumberSpanningSeveralZonesOpensWhenItIsMorningInAllOfThem() {
        QuietHours quiet = QuietHours.defaults();
        // +1 650 is California only; +1 (toll-free style numbers) may span many zones: use a Californian number here
        Instant sevenInSf = Instant.parse("2026-11-22T15:00:00Z"); // 07:00 PST
        assertThat(quiet.deferUntil("+16505551234", sevenInSf)).contains(Instant.parse("2026-11-22T16:00:00Z"));
        assertThat(quiet.zonesOf("+16505551234")).containsExactly(ZoneId.of("America/Los_Angeles"));
    }

    @Test
    void quietHoursAcrossMidnightAreQuietOnBothSides() {
        QuietHours quiet = QuietHours.defaults();
        assertThat(quiet.isQuiet(java.time.LocalTime.of(23, 0))).isTrue();
        assertThat(quiet.isQuiet(java.time.LocalTime.of(7, 59))).isTrue();
        assertThat(quiet.isQuiet(java.time.LocalTime.of(8, 0))).isFalse();
        assertThat(quiet.isQuiet(java.time.LocalTime.of(20, 59))).isFalse();
    }

    @Test
    void theTokenBucketNeverGivesMoreThanItsRateAfterTheSmallBurst() {
        long t = 0;
        SenderTokenBucket bucket = new SenderTokenBucket(80, 0.1, t);
        int sent = 0;
        // one simulated second in 1 ms steps, taking whenever a token is there
        for (int ms = 0; ms < 1000; ms++) {
            t = ms * 1_000_000L;
            while (bucket.tryTake(t).isZero()) {
                sent++;
            }
        }
        assertThat(sent).isBetween(80, 88); // 80/s plus a burst of 8
    }

    @Test
    void theTokenBucketSaysHowLongUntilTheNextToken() {
        SenderTokenBucket bucket = new SenderTokenBucket(10, 0.1, 0);
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(bucket.tryTake(100_000_000L)).isZero();
    }

    @Test
    void aThrottledSenderGetsTokensAtTheNewRate() {
        SenderTokenBucket bucket = new SenderTokenBucket(100, 0.01, 0);
        bucket.tryTake(0);
        bucket.setRate(50, 0);
        assertThat(bucket.tryTake(0)).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void aNewNumberWarmsUpWeekByWeekAndIsUnlimitedAfterTheRamp() {
        WarmupRamp ramp = new WarmupRamp(WarmupRamp.DEFAULT_DAILY_BY_WEEK);
        LocalDate start = LocalDate.parse("2026-11-01");
        assertThat(ramp.dailyAllowance(start, Instant.parse("2026-11-03T10:00:00Z"))).isEqualTo(20);
        assertThat(ramp.dailyAllowance(start, Instant.parse("2026-11-09T10:00:00Z"))).isEqualTo(50);
        assertThat(ramp.dailyAllowance(start, Instant.parse("2026-12-31T10:00:00Z"))).isEqualTo(Long.MAX_VALUE);
        assertThat(ramp.dailyAllowance(null, Instant.now())).isEqualTo(Long.MAX_VALUE);
        assertThat(WarmupRamp.nextReset(Instant.parse("2026-11-03T10:00:00Z"))).isEqualTo(Instant.parse("2026-11-04T00:00:00Z"));
        assertThat(new WarmupRamp(List.of()).dailyAllowance(start, Instant.parse("2026-11-03T10:00:00Z"))).isEqualTo(Long.MAX_VALUE);
    }
}
