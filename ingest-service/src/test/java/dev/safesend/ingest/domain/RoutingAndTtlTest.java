package dev.safesend.ingest.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingAndTtlTest {

    private static final List<String> POOL = List.of("110000000000001", "110000000000002", "110000000000003");

    @Test
    void aRecipientAlwaysGetsTheSameSenderFromThePool() {
        String first = SenderRouting.senderFor("+263771234567", POOL);
        for (int i = 0; i < 10; i++) {
            assertThat(SenderRouting.senderFor("+263771234567", POOL)).isEqualTo(first);
        }
    }

    @Test
    void recipientsAreSpreadOverEverySenderOfThePool() {
        Set<String> used = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            used.add(SenderRouting.senderFor("+2637712345" + String.format("%02d", i), POOL));
        }
        assertThat(used).containsExactlyInAnyOrderElementsOf(POOL);
    }

    @Test
    void aRecipientWhoseNumberIsPausedMovesToItsNextNumberAndOnlyThoseRecipientsMove() {
        String paused = SenderRouting.senderFor("+263771234567", POOL);
        String moved = SenderRouting.senderFor("+263771234567", POOL, s -> !s.equals(paused));
        assertThat(moved).isNotEqualTo(paused).isIn(POOL);
        for (int i = 0; i < 100; i++) {
            String recipient = "+2637712345" + String.format("%02d", i);
            String usual = SenderRouting.senderFor(recipient, POOL);
            String now = SenderRouting.senderFor(recipient, POOL, s -> !s.equals(paused));
            if (!usual.equals(paused)) {
                assertThat(now).as(recipient).isEqualTo(usual);
            }
        }
    }

    @Test
    void whenEveryNumberIsPausedTheRecipientKeepsItsOwnNumberForDispatchToHold() {
        assertThat(SenderRouting.senderFor("+263771234567", POOL, s -> false)).isEqualTo(SenderRouting.senderFor("+263771234567", POOL));
    }

    @Test
    void anEmptyPoolIsAConfigurationError() {
        assertThatThrownBy(() -> SenderRouting.senderFor("+263771234567", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void marketingGoesToTheBulkLaneAndEverythingElseToUrgent() {
        assertThat(Lane.forCategory(Category.MARKETING)).isEqualTo(Lane.BULK);
        assertThat(Lane.forCategory(Category.AUTHENTICATION)).isEqualTo(Lane.URGENT);
        assertThat(Lane.forCategory(Category.UTILITY)).isEqualTo(Lane.URGENT);
        assertThat(Lane.forCategory(Category.SERVICE)).isEqualTo(Lane.URGENT);
    }

    @Test
    void anOtpExpiresTenMinutesAfterAcceptanceUnlessTheCallerSaysOtherwise() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        MessageRequest otp = new MessageRequest("+263771234567", "p", Category.AUTHENTICATION, null, null, null, null, null, null, null);
        assertThat(MessageTtl.expiresAt(otp, now)).isEqualTo(now.plus(Duration.ofMinutes(10)));
        MessageRequest explicit = new MessageRequest("+263771234567", "p", Category.AUTHENTICATION, null, null, null, null,
                now.plusSeconds(60), null, null);
        assertThat(MessageTtl.expiresAt(explicit, now)).isEqualTo(now.plusSeconds(60));
    }

    @Test
    void aScheduledMessagesDefaultExpiryCountsFromItsSendAfterTime() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        MessageRequest later = new MessageRequest("+263771234567", "p", Category.UTILITY, null, null, null,
                now.plus(Duration.ofHours(5)), null, null, null);
        assertThat(MessageTtl.expiresAt(later, now)).isEqualTo(now.plus(Duration.ofHours(29)));
    }
}
