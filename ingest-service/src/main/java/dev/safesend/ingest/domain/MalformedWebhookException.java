package dev.safesend.ingest.domain;

/** A webhook body that is not Meta's envelope (not JSON, or no entry array). */
public class MalformedWebhookException extends RuntimeException {
    public MalformedWebhookException(String message, Throwable cause) {
        super(message, cause);
    }
}
