package dev.safesend.consent.domain;

import dev.safesend.servicekit.identity.Bsuid;
import java.time.Instant;

/** Meta's user_preferences signal: a user stopped or resumed a category of messages from a business in the client. */
public record UserPreference(String eventId, String phone, String senderId, String wabaId, String category, String value, Instant at,
                             String userId, String parentUserId) {

    public UserPreference(String eventId, String phone, String senderId, String wabaId, String category, String value, Instant at) {
        this(eventId, phone, senderId, wabaId, category, value, at, null, null);
    }

    /** Who: the phone (wa_id) and/or the BSUID; null when Meta named neither. */
    public Identity identity() {
        return phone == null && !Bsuid.isBsuid(userId) ? null : Identity.of(phone, userId, parentUserId, null);
    }

    /** Meta's category for marketing messages. */
    public static final String MARKETING = "marketing_messages";
}
