package dev.safesend.ingest.domain;

/** An idempotency key (or Kafka request id) was reused within its lifetime for a different request. */
public class IdempotencyConflictException extends RuntimeException {

    private final String key;

    public IdempotencyConflictException(String key) {
        super("idempotency key '" + key + "' was already used for a different request");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
