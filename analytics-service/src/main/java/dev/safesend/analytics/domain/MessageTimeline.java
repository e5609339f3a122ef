package dev.safesend.analytics.domain;

import java.time.Instant;
import java.util.List;

/** A message's current status and every step that led there, oldest first. */
public record MessageTimeline(String messageId, MessageStatus status, String project, String senderId, String recipient,
                              String category, String campaignId, String wamid, Instant updatedAt, List<StatusEvent> steps) {
}
