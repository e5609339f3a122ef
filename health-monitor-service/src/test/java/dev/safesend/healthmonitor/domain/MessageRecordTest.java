package dev.safesend.healthmonitor.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MessageRecordTest {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    private static StatusSignal status(String status, boolean dispatch, Integer code) {
        return new StatusSignal("m-1", status, dispatch, AT, "106540352242922", null, null, null, null, null, "wamid.1", code);
    }

    @Test
    void aReadBeforeItsDeliveredCountsSentDeliveredAndReadOnceEach() {
        MessageRecord r = new MessageRecord("m-1");
        assertThat(r.apply(status("READ", false, null))).containsExactly("SENT", "DELIVERED", "READ");
        assertThat(r.apply(status("DELIVERED", false, null))).isEmpty();
        assertThat(r.apply(status("SENT", false, null))).isEmpty();
        assertThat(r.deliveredAt).isEqualTo(AT);
    }

    @Test
    void aRedeliveredStatusCountsNothing() {
        MessageRecord r = new MessageRecord("m-1");
        assertThat(r.apply(status("DELIVERED", false, null))).containsExactly("SENT", "DELIVERED");
        assertThat(r.apply(status("DELIVERED", false, null))).isEmpty();
    }

    @Test
    void failuresCountTheirCodeAndItsSignal() {
        assertThat(new MessageRecord("m-1").apply(status("FAILED", false, 131026)))
                .containsExactly("FAILED", "FAILED_131026", "UNDELIVERABLE");
        assertThat(new MessageRecord("m-1").apply(status("FAILED", true, 131048)))
                .containsExactly("FAILED", "FAILED_131048", "SPAM_LIMITED", "API_ERROR");
    }

    @Test
    void theAcceptedEventGivesTheScopesAStatusCountsFor() {
        MessageRecord r = new MessageRecord("m-1");
        r.apply(new StatusSignal("m-1", "ACCEPTED", false, AT, "106540352242922", "school", "MARKETING", "c-1",
                "course_offer/en", "+263771234567", null, null));
        assertThat(r.marketing()).isTrue();
        assertThat(r.scopes()).containsExactly(Scope.sender("106540352242922"), new Scope(ScopeType.TEMPLATE, "course_offer/en"),
                new Scope(ScopeType.CAMPAIGN, "c-1"));
        assertThat(r.reply()).isTrue();
        assertThat(r.reply()).isFalse();
    }
}
