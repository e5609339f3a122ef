package dev.safesend.analytics.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** Answer of {@code GET /v1/messages/{id}}: current status and the timeline that led there. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageView(String messageId, String status, String project, String senderId, String recipient,
                          String category, String campaignId, String wamid, Instant updatedAt, List<Step> timeline) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String status, Instant at, String source, String reason, Integer errorCode, String errorTitle) {
    }
}
