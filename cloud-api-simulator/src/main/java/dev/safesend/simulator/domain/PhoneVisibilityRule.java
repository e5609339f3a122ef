package dev.safesend.simulator.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a webhook to a business number shows the user's phone ({@code wa_id}, {@code from}). A
 * user without a username always shows it. A user with a username shows it only when this business
 * number sent a message addressed to that phone in the last 30 days, or when the phone is in the
 * contact book of the number's WABA; otherwise only the BSUID is shown.
 */
public final class PhoneVisibilityRule {

    public static final Duration RECENT_EXCHANGE = Duration.ofDays(30);

    public boolean phoneShown(WhatsAppUser user, String phoneNumberId, String wabaId, Instant now) {
        if (!user.hasUsername() || user.inContactBook(wabaId)) {
            return true;
        }
        Instant lastSent = user.lastSentToPhone().get(phoneNumberId);
        return lastSent != null && !lastSent.isBefore(now.minus(RECENT_EXCHANGE));
    }
}
