package dev.safesend.ingest.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Meta's 24 h customer-service window between one business number and one user (Meta's Cloud API documentation):
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

    /**
     * The windows one inbound message opens: one per identifier it names the user by (phone, BSUID), so a send
     * addressed either way finds it. {@code waId} holds that identifier.
     */
    public static List<CustomerWindow> of(InboundMessage message) {
        if (message.systemType() != null) {
            return List.of(); // Meta's system message about the user (a number change) is not the user writing
        }
        return message.identifiers().stream().map(id -> new CustomerWindow(message.senderId(), id, message.at())).toList();
    }
}
