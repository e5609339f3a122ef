package dev.safesend.dispatch.domain;

import java.time.Instant;

/** A sender's deferred messages as operators list them: what waits, why, until when. */
public final class DeferredMessages {

    private DeferredMessages() {
    }

    public record DeferredRow(String messageId, String lane, String recipient, String category, Instant dueAt, String reason,
                              int attempts, Instant deferredAt) {
    }

    /** A keyset position: the page continues after (dueAt, messageId). */
    public record Position(Instant dueAt, String messageId) {
    }
}
