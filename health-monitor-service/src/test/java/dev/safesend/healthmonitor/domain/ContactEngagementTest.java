package dev.safesend.healthmonitor.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ContactEngagementTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final Duration D = Duration.ofDays(30);

    private static ContactEngagement deliveredUnread(int n) {
        ContactEngagement e = ContactEngagement.fresh("school", "+263771234567");
        for (int i = 0; i < n; i++) {
            e = e.delivered("m-" + i, T0.plusSeconds(i / 2), 5, D, T0.plusSeconds(i)); // Meta's times are in seconds: two share one
        }
        return e;
    }

    @Test
    void aContactWithFiveUnreadMarketingDeliveriesInARowBecomesDormantForThirtyDays() {
        assertThat(deliveredUnread(4).dormant(T0.plusSeconds(10))).isFalse();
        ContactEngagement e = deliveredUnread(5);
        assertThat(e.dormant(T0.plusSeconds(10))).isTrue();
        assertThat(e.dormantUntil()).isEqualTo(T0.plusSeconds(4).plus(D));
        assertThat(e.unread()).hasSize(5);
    }

    @Test
    void aReadEvenLateMakesItEngagedAndOnlyLaterDeliveriesStillCount() {
        ContactEngagement e = deliveredUnread(5).read("m-2", T0.plusSeconds(1), T0.plusSeconds(60));
        assertThat(e.dormant(T0.plusSeconds(61))).isFalse();
        assertThat(e.unread()).extracting(ContactEngagement.Unread::messageId).containsExactly("m-4");
        assertThat(e.lastEngagedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aReplyClearsEverything() {
        ContactEngagement e = deliveredUnread(5).replied(T0.plusSeconds(30));
        assertThat(e.dormant(T0.plusSeconds(31))).isFalse();
        assertThat(e.unread()).isEmpty();
    }

    @Test
    void whenTheDormancyEndsTheContactGetsKMoreChances() {
        Instant after = T0.plus(D).plusSeconds(60);
        ContactEngagement e = deliveredUnread(5).delivered("m-9", after, 5, D, after);
        assertThat(e.dormant(after)).isFalse();
        assertThat(e.unread()).containsExactly(new ContactEngagement.Unread("m-9", after));
        assertThat(deliveredUnread(5).decisionDiffers(e)).isTrue();
    }

    @Test
    void aRedeliveredDeliveryIsNotCountedTwice() {
        ContactEngagement e = deliveredUnread(1).delivered("m-0", T0, 5, D, T0);
        assertThat(e.unread()).hasSize(1);
    }
}
