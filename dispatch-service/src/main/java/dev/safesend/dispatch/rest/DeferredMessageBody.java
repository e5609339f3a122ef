package dev.safesend.dispatch.rest;

import java.time.Instant;

/** One message waiting in a sender's deferral store, and why. */
public record DeferredMessageBody(String messageId, String lane, String recipient, String category, Instant dueAt, String reason,
                                  int attempts, Instant deferredAt) {
}
