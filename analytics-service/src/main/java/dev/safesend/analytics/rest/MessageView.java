package dev.safesend.analytics.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A message: current status and the timeline that led there ({@code timeline} absent in a contact's list). The
 * recipient is masked unless the caller is an admin.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageView(String messageId, String status, String project, String senderId, String recipient,
                          String recipientUserId, String category, String campaignId, String clientReference, String wamid,
                          Instant firstAt, Instant updatedAt, List<Step> timeline) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String status, Instant at, String source, String reason, Integer errorCode, String errorTitle) {
    }

    /** A list of messages: {@code {"items": [...]}}. */
    public record Page(List<MessageView> items) {
    }
}
