package dev.safesend.simulator.rest;

/** The wamid of the simulated inbound message. */
public record UserMessageResponse(String wamid) {
}
