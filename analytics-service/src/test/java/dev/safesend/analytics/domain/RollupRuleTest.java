package dev.safesend.analytics.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The counting rule: each message counts once per step it reached, whatever the duplicates and the order. */
class RollupRuleTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:15:00Z");
    private static final RollupCell CELL = new RollupCell(T0, "shop", "c-1", "110000000000001", "promo", "en_US");

    private static StatusEvent event(MessageStatus status, String source, int second) {
        return event(status, source, second, null, null);
    }

    private static StatusEvent event(MessageStatus status, String source, int second, String reason, Integer errorCode) {
        boolean ingest = "INGEST".equals(source);
        return new StatusEvent(UUID.randomUUID().toString(), "m-1", status, T0.plusSeconds(second), source,
                ingest ? "shop" : null, "110000000000001", "+263771234567", "MARKETING", ingest ? "c-1" : null, null, reason,
                errorCode, null, ingest ? "promo" : null, ingest ? "en_US" : null, null, null);
    }

    private static StatusEvent accepted() {
        return event(MessageStatus.ACCEPTED, "INGEST", 0);
    }

    /** Applies the events one batch each (as separate polls would) and returns the sum of every increment. */
    private static RollupIncrements.Counts countedOver(List<List<StatusEvent>> batches) {
        MessageProgress p = MessageProgress.unseen("m-1");
        RollupIncrements all = new RollupIncrements();
        for (List<StatusEvent> batch : batches) {
            for (StatusEvent e : batch) {
                p = p.with(e);
            }
            p = all.count(p);
        }
        return all.cells().get(CELL);
    }

    private static RollupIncrements run(List<StatusEvent> events) {
        RollupIncrements inc = new RollupIncrements();
        MessageProgress p = MessageProgress.unseen("m-1");
        for (StatusEvent e : events) {
            p = inc.count(p.with(e));
        }
        return inc;
    }

    private static void assertCounts(RollupIncrements inc, long submitted, long sent, long delivered, long read, long failed) {
        RollupIncrements.Counts c = inc.cells().get(CELL);
        assertThat(c).as("the message's cell").isNotNull();
        assertThat(new long[] {c.of(Step.SUBMITTED), c.of(Step.SENT), c.of(Step.DELIVERED), c.of(Step.READ), c.of(Step.FAILED)})
                .containsExactly(submitted, sent, delivered, read, failed);
    }

    @Test
    void aReadThatArrivesBeforeItsDeliveredCountsReadDeliveredSentAndSubmittedOnceEach() {
        RollupIncrements inc = run(List.of(accepted(), event(MessageStatus.SUBMITTED, "DISPATCH", 1),
                event(MessageStatus.READ, "WEBHOOK", 5), event(MessageStatus.DELIVERED, "WEBHOOK", 4),
                event(MessageStatus.SENT, "WEBHOOK", 3)));
        assertCounts(inc, 1, 1, 1, 1, 0);
    }

    @Test
    void metasDuplicateWebhooksAndTheSameEventTwiceCountOnce() {
        StatusEvent delivered = event(MessageStatus.DELIVERED, "WEBHOOK", 4);
        RollupIncrements inc = run(List.of(accepted(), accepted(), delivered, delivered,
                event(MessageStatus.DELIVERED, "WEBHOOK", 4), event(MessageStatus.SENT, "WEBHOOK", 3),
                event(MessageStatus.SENT, "WEBHOOK", 3)));
        assertCounts(inc, 1, 1, 1, 0, 0);
    }

    @Test
    void aFailureAfterSentCountsTheSendAndTheFailureWithItsMetaCode() {
        RollupIncrements inc = run(List.of(accepted(), event(MessageStatus.SUBMITTED, "DISPATCH", 1), event(MessageStatus.SENT, "WEBHOOK", 2),
                event(MessageStatus.FAILED, "WEBHOOK", 3, "META_131026", 131026), event(MessageStatus.FAILED, "WEBHOOK", 3, "META_131026", 131026)));
        assertCounts(inc, 1, 1, 0, 0, 1);
        assertThat(inc.reasons()).containsExactly(Map.entry(new RollupIncrements.ReasonKey(CELL, "FAILED", "131026"), 1L));
    }

    @Test
    void aFailureWhoseCodeComesOnALaterEventCountsOnceAndUnderThatCode() {
        RollupIncrements inc = new RollupIncrements();
        MessageProgress p = inc.count(MessageProgress.unseen("m-1").with(accepted()).with(event(MessageStatus.FAILED, "DISPATCH", 1, "SEND_FAILED", null)));
        p = inc.count(p.with(event(MessageStatus.FAILED, "WEBHOOK", 2, "META_131049", 131049)));
        inc.count(p.with(event(MessageStatus.FAILED, "WEBHOOK", 3, "META_131026", 131026)));
        assertThat(inc.cells().get(CELL).of(Step.FAILED)).isEqualTo(1);
        assertThat(inc.reasons()).containsExactly(Map.entry(new RollupIncrements.ReasonKey(CELL, "FAILED", "131049"), 1L));
    }

    @Test
    void aRedeliveredBatchAddsNothing() {
        List<StatusEvent> batch = List.of(accepted(), event(MessageStatus.SENT, "WEBHOOK", 2), event(MessageStatus.READ, "WEBHOOK", 4));
        RollupIncrements.Counts c = countedOver(List.of(batch, batch));
        assertThat(c.of(Step.SENT)).isEqualTo(1);
        assertThat(c.of(Step.READ)).isEqualTo(1);
        assertThat(c.of(Step.DELIVERED)).isEqualTo(1);
    }

    @Test
    void statusesSeenBeforeTheMessagesAcceptanceWaitAndThenCountInItsCell() {
        RollupIncrements early = new RollupIncrements();
        MessageProgress p = early.count(MessageProgress.unseen("m-1").with(event(MessageStatus.SUBMITTED, "DISPATCH", 1))
                .with(event(MessageStatus.DELIVERED, "WEBHOOK", 3)));
        assertThat(early.isEmpty()).as("no cell known yet: nothing counted").isTrue();
        assertThat(p.counted()).isZero();
        assertThat(Step.DELIVERED.in(p.reached())).isTrue();

        RollupIncrements later = new RollupIncrements();
        p = later.count(p.with(accepted()));
        assertCounts(later, 1, 1, 1, 0, 0);
        assertThat(later.cells().keySet()).containsExactly(CELL);
        assertThat(p.countable()).isZero();
    }

    @Test
    void aDeferredMessageCountsAsDeferredOnceHoweverOftenItWasDeferred() {
        RollupIncrements inc = run(List.of(accepted(), event(MessageStatus.DEFERRED, "DISPATCH", 1, "QUIET_HOURS", null),
                event(MessageStatus.DEFERRED, "DISPATCH", 2, "QUIET_HOURS", null), event(MessageStatus.SUPPRESSED, "DISPATCH", 3, "OPTED_OUT", null)));
        RollupIncrements.Counts c = inc.cells().get(CELL);
        assertThat(c.of(Step.DEFERRED)).isEqualTo(1);
        assertThat(c.of(Step.SUPPRESSED)).isEqualTo(1);
        assertThat(inc.reasons()).containsExactly(Map.entry(new RollupIncrements.ReasonKey(CELL, "SUPPRESSED", "OPTED_OUT"), 1L));
    }

    @Test
    void theCellIsTheAcceptanceHourAndTheFirstBirthEventWins() {
        StatusEvent again = new StatusEvent("e-2", "m-1", MessageStatus.ACCEPTED, T0.plusSeconds(7200), "INGEST", "other", null, null,
                null, "c-2", null, null, null, null, null, null, null, null);
        MessageProgress p = MessageProgress.unseen("m-1").with(accepted()).with(again);
        assertThat(p.cell()).isEqualTo(CELL);
        assertThat(p.cell().hour()).isEqualTo(Instant.parse("2026-12-05T10:00:00Z"));
    }

    @Test
    void ratesAreTrueRatiosAndAbsentWithoutADenominator() {
        RollupTotals t = new RollupTotals(10, 8, 6, 3, 1, 0, 0, 0, 0);
        assertThat(t.deliveredRate()).isEqualTo(0.75);
        assertThat(t.readRate()).isEqualTo(0.5);
        assertThat(new RollupTotals(1, 0, 0, 0, 1, 0, 0, 0, 0).deliveredRate()).isNull();
    }
}
