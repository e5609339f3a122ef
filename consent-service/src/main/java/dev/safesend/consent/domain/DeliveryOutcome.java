package dev.safesend.consent.domain;

import java.time.Instant;

/**
 * What consent needs of a message lifecycle event: who, which project, whether it reached Meta, and any error code.
 * {@code senderId}: the business number the message was sent from (a 131050 opt-out is reported against it).
 */
public record DeliveryOutcome(String eventId, String messageId, String recipient, String project, String status,
                              Integer errorCode, Instant at, String recipientUserId, String senderId) {

    public DeliveryOutcome(String eventId, String messageId, String recipient, String project, String status,
                           Integer errorCode, Instant at) {
        this(eventId, messageId, recipient, project, status, errorCode, at, null, null);
    }

    /** Who the message went to: its address (phone or BSUID) and the BSUID Meta reported for it. */
    public Identity identity() {
        return Identity.of(recipient, recipientUserId, null, null);
    }

    /** Meta: the user stopped marketing messages from this business. */
    public static final int USER_STOPPED_MARKETING = 131050;

    public boolean userStoppedMarketing() {
        return "FAILED".equals(status) && errorCode != null && errorCode == USER_STOPPED_MARKETING;
    }

    public boolean reachedMeta() {
        return "SENT".equals(status);
    }
}
