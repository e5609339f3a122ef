package dev.safesend.analytics.domain;

import java.time.Instant;
import java.util.List;

/**
 * A message's current status and every step that led there, oldest first ({@code steps} is empty where a list of
 * messages is asked for). {@code firstAt} is the time of its earliest step.
 */
public record MessageTimeline(String messageId, MessageStatus status, String project, String senderId, String recipient,
                              String recipientUserId, String category, String campaignId, String clientReference,
                              String wamid, Instant firstAt, Instant updatedAt, List<StatusEvent> steps) {

    /** The same timeline with its recipient shown as {@code recipient}, e.g. masked for a caller who may not see phones. */
    public MessageTimeline withRecipient(String recipient, String recipientUserId) {
        return new MessageTimeline(messageId, status, project, senderId, recipient, recipientUserId, category, campaignId,
                clientReference, wamid, firstAt, updatedAt, steps);
    }
}
