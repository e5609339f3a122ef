package dev.safesend.ingest.rest;

import java.time.Instant;

/** Answer of {@code POST /v1/messages} (202): the message id to follow it by, where it was routed, and until when it is worth sending. */
public record MessageAcceptedResponse(String messageId, String status, String recipient, String senderId, String lane,
                                      Instant acceptedAt, Instant expiresAt) {
}
