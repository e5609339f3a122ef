package dev.safesend.ingest.domain;

/** A result and whether it was replayed from an earlier request with the same idempotency key. */
public record Replayable<T>(T result, boolean replayed) {
}
