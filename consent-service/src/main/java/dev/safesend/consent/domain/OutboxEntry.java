package dev.safesend.consent.domain;

import java.time.Instant;

/**
 * One event waiting to be published. A CONSENT entry publishes the phone's state at the entry's version
 * ({@code snapshot}; null when a later change superseded it, so there is nothing to publish); a REPLY entry asks for a
 * confirmation message.
 */
public record OutboxEntry(long id, Kind kind, String phone, String project, String source, long version, boolean erased,
                          String requestId, String body, Instant createdAt, ConsentSnapshot snapshot) {

    public enum Kind { CONSENT, REPLY }
}
