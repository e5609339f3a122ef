package dev.safesend.dispatch.rest;

/** Body of {@code POST /v1/senders/{id}:pause}: why. */
public record PauseBody(String reason) {
}
