package dev.safesend.consent.domain;

import java.time.Instant;

/** Meta's user_preferences signal: a user stopped or resumed a category of messages from a business in the client. */
public record UserPreference(String eventId, String phone, String senderId, String wabaId, String category, String value, Instant at) {

    /** Meta's category for marketing messages. */
    public static final String MARKETING = "marketing_messages";
}
