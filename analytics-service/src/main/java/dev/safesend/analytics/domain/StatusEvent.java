package dev.safesend.analytics.domain;

import java.time.Instant;

/**
 * One step of a message's lifecycle, as analytics keeps it. The template and the caller's client reference come on
 * ACCEPTED events only; the recipient's BSUID on webhook statuses that carried one.
 */
public record StatusEvent(String eventId, String messageId, MessageStatus status, Instant at, String source,
                          String project, String senderId, String recipient, String category, String campaignId,
                          String wamid, String reason, Integer errorCode, String errorTitle,
                          String templateName, String templateLanguage, String clientReference, String recipientUserId) {

    /** A step as read back from the timeline (no message attributes). */
    public static StatusEvent step(String eventId, String messageId, MessageStatus status, Instant at, String source,
                                   String wamid, String reason, Integer errorCode, String errorTitle) {
        return new StatusEvent(eventId, messageId, status, at, source, null, null, null, null, null, wamid, reason,
                errorCode, errorTitle, null, null, null, null);
    }

    /**
     * True for the event that says what the message is: ingest's ACCEPTED (project, campaign, sender, template) or
     * REJECTED (a message refused at the door). Its attributes decide the message's rollup cell.
     */
    public boolean isBirth() {
        return "INGEST".equals(source) && (status == MessageStatus.ACCEPTED || status == MessageStatus.REJECTED);
    }
}
