package dev.safesend.analytics.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyAttributionTest {

    private static final Duration WINDOW = Duration.ofDays(7);
    private static final Instant REPLY = Instant.parse("2026-12-10T12:00:00Z");

    private static Touch touch(String id, String campaign, Instant deliveredAt) {
        return new Touch(id, campaign, "school", "+263771234567", "+263771234567", "wamid." + id, "s-1", deliveredAt);
    }

    @Test
    void theQuotedCampaignMessageWinsOverALaterOneAndOverTheWindow() {
        Touch quoted = touch("m-old", "c-1", REPLY.minus(Duration.ofDays(20)));
        Touch later = touch("m-new", "c-2", REPLY.minusSeconds(60));

        ReplyAttribution.Result r = ReplyAttribution.attribute(REPLY, quoted, List.of(later, quoted), WINDOW);

        assertThat(r.basis()).isEqualTo(ReplyAttribution.Basis.QUOTED);
        assertThat(r.touch()).isEqualTo(quoted);
    }

    @Test
    void withoutAQuoteTheLastMessageDeliveredWithinTheWindowIsCredited() {
        Touch first = touch("m-1", "c-1", REPLY.minus(Duration.ofDays(3)));
        Touch last = touch("m-2", "c-2", REPLY.minus(Duration.ofHours(2)));

        ReplyAttribution.Result r = ReplyAttribution.attribute(REPLY, null, List.of(last, first), WINDOW);

        assertThat(r.basis()).isEqualTo(ReplyAttribution.Basis.WINDOW);
        assertThat(r.touch().messageId()).isEqualTo("m-2");
    }

    @Test
    void aMessageDeliveredExactlyTheWindowBeforeCountsAndOneAMillisecondEarlierDoesNot() {
        Touch edge = touch("m-edge", "c-1", REPLY.minus(WINDOW));
        Touch outside = touch("m-out", "c-1", REPLY.minus(WINDOW).minusMillis(1));

        assertThat(ReplyAttribution.attribute(REPLY, null, List.of(edge), WINDOW).touch()).isEqualTo(edge);
        assertThat(ReplyAttribution.attribute(REPLY, null, List.of(outside), WINDOW)).isEqualTo(ReplyAttribution.Result.NONE);
    }

    @Test
    void aMessageDeliveredAfterTheReplyIsNotWhatItAnswers() {
        Touch before = touch("m-1", "c-1", REPLY.minus(Duration.ofDays(1)));
        Touch after = touch("m-2", "c-2", REPLY.plusMillis(1));

        assertThat(ReplyAttribution.attribute(REPLY, null, List.of(after, before), WINDOW).touch()).isEqualTo(before);
        assertThat(ReplyAttribution.attribute(REPLY, null, List.of(after), WINDOW).basis()).isEqualTo(ReplyAttribution.Basis.NONE);
    }

    @Test
    void aReplyWithNoTouchIsUnattributed() {
        ReplyAttribution.Result r = ReplyAttribution.attribute(REPLY, null, List.of(), WINDOW);

        assertThat(r.basis()).isEqualTo(ReplyAttribution.Basis.NONE);
        assertThat(r.touch()).isNull();
    }
}
