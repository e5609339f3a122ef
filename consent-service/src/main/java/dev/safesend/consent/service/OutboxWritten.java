package dev.safesend.consent.service;

/** Fired in a transaction that wrote the outbox; the relay observes it after commit and publishes at once. */
public record OutboxWritten(int entries) {
}
