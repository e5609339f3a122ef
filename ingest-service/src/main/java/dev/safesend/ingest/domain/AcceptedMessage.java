package dev.safesend.ingest.domain;

import java.time.Instant;

/**
 * A request that passed the rules, with its id, its sender and lane, and when it expires; {@code priority} is a
 * campaign's (1–4), null for other messages.
 */
public record AcceptedMessage(String messageId, MessageRequest request, String senderId, Lane lane,
                              Instant acceptedAt, Instant expiresAt, Integer priority) {

    public AcceptedMessage(String messageId, MessageRequest request, String senderId, Lane lane, Instant acceptedAt,
                           Instant expiresAt) {
        this(messageId, request, senderId, lane, acceptedAt, expiresAt, null);
    }
}
