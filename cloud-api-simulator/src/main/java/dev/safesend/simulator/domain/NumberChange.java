package dev.safesend.simulator.domain;

/** A user moved to a new phone number: who they were, and who they are now (same key, new BSUIDs). */
public record NumberChange(WhatsAppUser before, WhatsAppUser after) {
}
