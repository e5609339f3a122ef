package dev.safesend.ingest.domain;

import dev.safesend.servicekit.identity.Bsuid;
import dev.safesend.servicekit.identity.PhoneNumbers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A message a user wrote to one of our numbers (text, button tap, interactive reply, a system message about the user,
 * or something else). Meta identifies the user by {@code waId} (phone digits; absent when Meta withholds the phone of a
 * user with a username) and by {@code userId}, the business-scoped user id (BSUID); at least one of them is valid, or
 * the parser records the message as an {@link UnidentifiedUpdate} instead.
 */
public record InboundMessage(String wamid, String waId, String senderId, String displayPhoneNumber, String profileName,
                             Kind kind, String text, String buttonPayload, String buttonText, String contextWamid,
                             Instant at, String userId, String parentUserId, String username, String systemType,
                             String newWaId, String newUserId, String phone) {

    public enum Kind { TEXT, BUTTON, INTERACTIVE, UNSUPPORTED, OTHER }

    /** {@code phone}: the user's E.164, normalised once from {@code waId} here (null when Meta gave no valid one). */
    public InboundMessage {
        phone = waId == null ? null : PhoneNumbers.toE164(PhoneNumbers.fromWaId(waId)).orElse(null);
    }

    public InboundMessage(String wamid, String waId, String senderId, String displayPhoneNumber, String profileName,
                          Kind kind, String text, String buttonPayload, String buttonText, String contextWamid,
                          Instant at, String userId, String parentUserId, String username, String systemType,
                          String newWaId, String newUserId) {
        this(wamid, waId, senderId, displayPhoneNumber, profileName, kind, text, buttonPayload, buttonText, contextWamid, at,
                userId, parentUserId, username, systemType, newWaId, newUserId, null);
    }

    /** A phone-only message, as Meta sent them before BSUIDs. */
    public InboundMessage(String wamid, String waId, String senderId, String displayPhoneNumber, String profileName,
                          Kind kind, String text, String buttonPayload, String buttonText, String contextWamid, Instant at) {
        this(wamid, waId, senderId, displayPhoneNumber, profileName, kind, text, buttonPayload, buttonText, contextWamid, at,
                null, null, null, null, null, null);
    }

    /** Meta retries deliver the same message again: one event per wamid. */
    public String dedupeKey() {
        return "inbound:" + wamid;
    }

    /** The user's BSUID, when Meta gave a well-formed one. */
    public String bsuid() {
        return Bsuid.isBsuid(userId) ? userId : null;
    }

    /** How the platform addresses this user: the phone when known, else the BSUID; null when neither is usable. */
    public String address() {
        return phone != null ? phone : bsuid();
    }

    /**
     * The Kafka key: the BSUID when there is one (since April 2026 every message of the user carries it), else Meta's
     * wa_id digits as before BSUIDs, so a phone-only user's messages stay on the partition they always used.
     */
    public String partitionKey() {
        String bsuid = bsuid();
        return bsuid != null ? bsuid : waId;
    }

    /** Every identifier this message names the user by (phone, BSUID), for windows kept per identifier. */
    public List<String> identifiers() {
        List<String> ids = new ArrayList<>(2);
        if (phone != null) {
            ids.add(phone);
        }
        if (bsuid() != null) {
            ids.add(bsuid());
        }
        return ids;
    }
}
