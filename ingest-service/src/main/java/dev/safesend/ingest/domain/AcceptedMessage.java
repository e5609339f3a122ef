package dev.safesend.ingest.domain;

import java.time.Instant;

/** A request that passed the rules, with its id, its sender and lane, and when it expires. */
public record AcceptedMessage(String messageId, MessageRequest request, String senderId, Lane lane,
                              Instant acceptedAt, Instant expiresAt) {
}
