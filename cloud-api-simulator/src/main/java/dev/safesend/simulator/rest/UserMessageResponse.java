package dev.safesend.simulator.rest;

import java.time.Instant;

/** The wamid of the simulated inbound message and when the user sent it (its webhook is due then). */
public record UserMessageResponse(String wamid, Instant sentAt) {
}
