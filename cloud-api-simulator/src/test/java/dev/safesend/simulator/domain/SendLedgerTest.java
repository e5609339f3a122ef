package dev.safesend.simulator.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SendLedgerTest {

    private final SendLedger ledger = new SendLedger();
    private final Instant now = Instant.parse("2025-07-01T10:00:00Z");

    @Test
    void acceptedMessagesSharingCallbackDataAreDuplicates() {
        ledger.recordAccepted(entry("w1", "263771234567", "msg-1", now));
        ledger.recordAccepted(entry("w2", "263771234568", "msg-1", now));
        ledger.recordAccepted(entry("w3", "263771234569", "msg-1", now));
        ledger.recordAccepted(entry("w4", "263771234569", "msg-2", now));
        ledger.recordAccepted(entry("w5", "263771234569", null, now));

        SendLedger.Summary summary = ledger.summary();

        assertThat(summary.total()).isEqualTo(5);
        assertThat(summary.duplicates()).containsExactly(new SendLedger.Duplicate("msg-1", 3));
        assertThat(summary.duplicateCount()).isEqualTo(2);
    }

    @Test
    void totalsAreKeptPerBusinessNumberAndErrorsPerCode() {
        ledger.recordAccepted(entry("w1", "263771234567", "a", now));
        ledger.recordError(131056);
        ledger.recordError(131056);
        ledger.recordError(130429);

        SendLedger.Summary summary = ledger.summary();

        assertThat(summary.byPhoneNumberId()).containsEntry("106540352242922", 1L);
        assertThat(summary.errorsByCode()).containsEntry(131056, 2L).containsEntry(130429, 1L).hasSize(2);
    }

    @Test
    void entriesForARecipientComeInAcceptanceOrder() {
        ledger.recordAccepted(entry("late", "263771234567", "b", now.plusSeconds(10)));
        ledger.recordAccepted(entry("early", "263771234567", "a", now));
        ledger.recordAccepted(entry("other", "263771234568", "c", now));

        assertThat(ledger.entriesFor("263771234567")).extracting(LedgerEntry::wamid).containsExactly("early", "late");
        assertThat(ledger.entriesFor("263770000000")).isEmpty();
    }

    @Test
    void resetForgetsEverything() {
        ledger.recordAccepted(entry("w1", "263771234567", "a", now));
        ledger.recordAccepted(entry("w2", "263771234567", "a", now));
        ledger.recordError(100);

        ledger.reset();

        SendLedger.Summary summary = ledger.summary();
        assertThat(summary.total()).isZero();
        assertThat(summary.duplicates()).isEmpty();
        assertThat(summary.duplicateCount()).isZero();
        assertThat(summary.errorsByCode()).isEmpty();
        assertThat(ledger.entriesFor("263771234567")).isEmpty();
    }

    private static LedgerEntry entry(String wamid, String waId, String callbackData, Instant at) {
        return new LedgerEntry(wamid, "106540352242922", "+" + waId, waId, "template", "order_update", callbackData, at,
                null);
    }
}
