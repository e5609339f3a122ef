package dev.safesend.healthmonitor.service;

/** Kafka did not acknowledge a decision in time; the unit of work that published it is rolled back and retried. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
