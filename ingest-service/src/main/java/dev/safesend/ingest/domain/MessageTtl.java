package dev.safesend.ingest.domain;

import java.time.Duration;
import java.time.Instant;

/** When a message stops being worth sending: the caller's expiresAt, or a default per category (an OTP is useless after minutes). */
public final class MessageTtl {

    private MessageTtl() {
    }

    public static Duration defaultFor(Category category) {
        return switch (category) {
            case AUTHENTICATION -> Duration.ofMinutes(10);
            case UTILITY, SERVICE -> Duration.ofHours(24);
            case MARKETING -> Duration.ofDays(3);
        };
    }

    public static Instant expiresAt(MessageRequest request, Instant acceptedAt) {
        if (request.expiresAt() != null) {
            return request.expiresAt();
        }
        Instant start = request.sendAfter() != null && request.sendAfter().isAfter(acceptedAt) ? request.sendAfter() : acceptedAt;
        return start.plus(defaultFor(request.category()));
    }
}
