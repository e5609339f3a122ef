package dev.safesend.ingest.service;

/**
 * Kafka did not acknowledge what a request or a webhook delivery published (the broker is down, refused the
 * records, or did not answer within {@code publish-timeout}). Nothing is confirmed: the unit of work rolled back
 * (no accepted message, no idempotency key, no webhook receipt), so the same request, with the same
 * Idempotency-Key, or Meta's retry of the same delivery, is processed afresh. REST answers 503 with Retry-After.
 */
public class PublishUnavailableException extends RuntimeException {

    public PublishUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
