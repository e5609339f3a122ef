package dev.safesend.ingest.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Meta's 24 h customer-service window between one business number and one user (reference/cloud-api.md §2.5):
 * opened or refreshed by every inbound message; free-form text may go only while it is open.
 */
public record CustomerWindow(String senderId, String waId, Instant lastInboundAt) {

    public static final Duration LENGTH = Duration.ofHours(24);

    public Instant closesAt() {
        return lastInboundAt.plus(LENGTH);
    }

    public boolean openAt(Instant at) {
        return at.isBefore(closesAt());
    }

    public static CustomerWindow of(InboundMessage message) {
        return new CustomerWindow(message.senderId(), message.waId(), message.at());
    }
}
