package dev.safesend.ingest.domain;

import java.time.Instant;

/**
 * One entry of a webhook's {@code statuses}: what happened to an outbound message at Meta. {@code recipientE164} is
 * null for a send addressed by BSUID (Meta leaves out {@code recipient_id}); {@code recipientUserId} is the BSUID when
 * Meta put {@code recipient_user_id} in. A failed status may carry neither: it is matched to its send by wamid and
 * callback data, never by recipient.
 */
public record StatusUpdate(String wamid, DeliveryStatus status, Instant at, String recipientE164, String senderId,
                           String messageId, Integer errorCode, String errorTitle, String errorDetails,
                           String pricingCategory, String recipientUserId) {

    /** A status as Meta sent them before BSUIDs. */
    public StatusUpdate(String wamid, DeliveryStatus status, Instant at, String recipientE164, String senderId,
                        String messageId, Integer errorCode, String errorTitle, String errorDetails, String pricingCategory) {
        this(wamid, status, at, recipientE164, senderId, messageId, errorCode, errorTitle, errorDetails, pricingCategory, null);
    }

    /** The address the message went to, as far as this status tells: the phone, else the BSUID (a BSUID send). */
    public String recipient() {
        return recipientE164 != null ? recipientE164 : recipientUserId;
    }

    /** Meta retries deliver the same status again: one event per (wamid, status). */
    public String dedupeKey() {
        return "status:" + wamid + ":" + status.name();
    }
}
