package dev.safesend.analytics.domain;

import java.time.Instant;

/** One step of a message's lifecycle, as analytics keeps it. */
public record StatusEvent(String eventId, String messageId, MessageStatus status, Instant at, String source,
                          String project, String senderId, String recipient, String category, String campaignId,
                          String wamid, String reason, Integer errorCode, String errorTitle) {
}
