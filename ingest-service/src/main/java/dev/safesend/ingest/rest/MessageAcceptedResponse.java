package dev.safesend.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** Answer of {@code POST /v1/messages} (202): the message id to follow it by, where it was routed, and until when it is worth sending. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageAcceptedResponse(String messageId, String status, String recipient, String senderId, String lane,
                                      Instant acceptedAt, Instant expiresAt, Boolean optOutHintAppended) {
}
