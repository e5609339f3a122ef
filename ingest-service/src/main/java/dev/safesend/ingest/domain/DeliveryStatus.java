package dev.safesend.ingest.domain;

import java.util.Locale;
import java.util.Optional;

/** The statuses Meta reports for an outbound message. */
public enum DeliveryStatus {
    SENT, DELIVERED, READ, FAILED;

    /** Meta's status string; {@code played} (voice) counts as read. Empty for a status we do not know. */
    public static Optional<DeliveryStatus> fromMeta(String status) {
        if (status == null) {
            return Optional.empty();
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "sent" -> Optional.of(SENT);
            case "delivered" -> Optional.of(DELIVERED);
            case "read", "played" -> Optional.of(READ);
            case "failed" -> Optional.of(FAILED);
            default -> Optional.empty();
        };
    }
}
