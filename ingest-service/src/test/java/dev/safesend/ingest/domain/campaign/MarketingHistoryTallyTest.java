package dev.safesend.ingest.domain.campaign;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MarketingHistoryTallyTest {

    private static final ZoneId HARARE = ZoneId.of("Africa/Harare");
    private static final ZoneId LAGOS = ZoneId.of("Africa/Lagos");
    private static final Instant START = Instant.parse("2026-12-08T07:00:00Z");
    private static final Instant EXPIRY = START.plus(Duration.ofHours(6));

    @Test
    void nothingJudgedCountsZeroForEachRuleAndLeavesTheCompletionAsReplayed() {
        MarketingHistoryTally t = new MarketingHistoryTally();
        assertThat(t.dropped()).containsExactly(Map.entry(MarketingHistoryTally.IDENTICAL_CONTENT, 0L),
                Map.entry(MarketingHistoryTally.FREQUENCY_CAP, 0L));
        assertThat(t.deferred()).containsExactly(Map.entry(MarketingHistoryTally.FREQUENCY_CAP, 0L));
        assertThat(t.droppedTotal()).isZero();
        assertThat(t.droppedByZone()).isEmpty();
        assertThat(t.completion(START)).isEqualTo(START);
    }

    @Test
    void identicalContentIsDroppedPerZoneSoTheReplayLeavesItOut() {
        MarketingHistoryTally t = new MarketingHistoryTally();
        t.suppressed(HARARE, MarketingHistoryTally.IDENTICAL_CONTENT);
        t.suppressed(HARARE, MarketingHistoryTally.IDENTICAL_CONTENT);
        t.suppressed(LAGOS, MarketingHistoryTally.IDENTICAL_CONTENT);
        assertThat(t.dropped()).containsEntry(MarketingHistoryTally.IDENTICAL_CONTENT, 3L);
        assertThat(t.droppedTotal()).isEqualTo(3);
        assertThat(CampaignForecast.less(Map.of(HARARE, 10L, LAGOS, 1L), t.droppedByZone())).isEqualTo(Map.of(HARARE, 8L));
    }

    @Test
    void aCapThatEndsBeforeTheExpiryDefersAndHoldsTheCompletionBackToItsEnd() {
        MarketingHistoryTally t = new MarketingHistoryTally();
        Instant early = START.plus(Duration.ofHours(1));
        Instant late = START.plus(Duration.ofHours(5));
        t.deferred(HARARE, MarketingHistoryTally.FREQUENCY_CAP, late, EXPIRY);
        t.deferred(LAGOS, MarketingHistoryTally.FREQUENCY_CAP, early, EXPIRY);
        assertThat(t.deferred()).containsEntry(MarketingHistoryTally.FREQUENCY_CAP, 2L);
        assertThat(t.droppedTotal()).as("still sent").isZero();
        assertThat(t.latestRelease()).isEqualTo(late);
        assertThat(t.completion(START.plus(Duration.ofMinutes(3)))).isEqualTo(late);
        assertThat(t.completion(START.plus(Duration.ofHours(9)))).as("the replay ends later anyway").isEqualTo(START.plus(Duration.ofHours(9)));
        assertThat(t.completion(null)).as("not within the horizon stays so").isNull();
    }

    @Test
    void aCapThatEndsAtOrAfterTheExpiryDropsTheRecipientAsFrequencyCappedAndDoesNotHoldTheCompletion() {
        MarketingHistoryTally t = new MarketingHistoryTally();
        t.deferred(HARARE, MarketingHistoryTally.FREQUENCY_CAP, EXPIRY, EXPIRY);
        t.deferred(HARARE, MarketingHistoryTally.FREQUENCY_CAP, EXPIRY.plusSeconds(1), EXPIRY);
        assertThat(t.dropped()).containsEntry(MarketingHistoryTally.FREQUENCY_CAP, 2L);
        assertThat(t.deferred()).containsEntry(MarketingHistoryTally.FREQUENCY_CAP, 0L);
        assertThat(t.droppedByZone()).isEqualTo(Map.of(HARARE, 2L));
        assertThat(t.latestRelease()).isNull();
        assertThat(t.completion(START)).isEqualTo(START);
    }
}
