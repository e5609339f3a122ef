package dev.safesend.consent.domain;

import java.time.Instant;

/** A message a person wrote to a business number (text, or a quick-reply button with its payload). */
public record InboundMessage(String eventId, String wamid, String phone, String waId, String senderId, String profileName,
                             String text, String buttonPayload, Instant receivedAt, String userId, String parentUserId,
                             String username, String systemType, String newPhone, String newUserId) {

    /** Meta's system message: the user moved to a new phone number (new wa_id and BSUID). */
    public static final String USER_CHANGED_NUMBER = "user_changed_number";
    /** Meta's system message: the user's BSUID changed. */
    public static final String USER_CHANGED_USER_ID = "user_changed_user_id";

    /** A message from a user known by phone only (as before BSUIDs). */
    public InboundMessage(String eventId, String wamid, String phone, String waId, String senderId, String profileName,
                          String text, String buttonPayload, Instant receivedAt) {
        this(eventId, wamid, phone, waId, senderId, profileName, text, buttonPayload, receivedAt, null, null, null, null, null, null);
    }

    /** Who wrote: the phone ({@code phone}, else {@code waId}) and/or the BSUID. */
    public Identity identity() {
        return Identity.of(phone != null ? phone : waId, userId, parentUserId, username);
    }

    /** True for a number-change system message. */
    public boolean changesNumber() {
        return USER_CHANGED_NUMBER.equals(systemType) || USER_CHANGED_USER_ID.equals(systemType);
    }
}
