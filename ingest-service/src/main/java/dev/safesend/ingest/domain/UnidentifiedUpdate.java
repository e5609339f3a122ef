package dev.safesend.ingest.domain;

/**
 * A webhook update that names no user safesend can address: neither a valid E.164 phone nor a BSUID. It is kept
 * (stored with its JSON and counted), never published, so nothing downstream dead-letters it and nothing is dropped
 * silently; an operator can read it back. {@code dedupeKey} makes Meta's retries of it one record.
 */
public record UnidentifiedUpdate(String field, String kind, String reason, String senderId, String payload, String dedupeKey) {

    /** One as stored, with its row id (the listing cursor) and when it arrived. */
    public record Stored(long id, UnidentifiedUpdate update, java.time.Instant receivedAt) {
    }
}
