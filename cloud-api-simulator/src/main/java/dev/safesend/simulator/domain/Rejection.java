package dev.safesend.simulator.domain;

/** A synchronous refusal: the error code plus Meta's human-readable {@code error_data.details}. */
public record Rejection(MetaError error, String details) {
}
