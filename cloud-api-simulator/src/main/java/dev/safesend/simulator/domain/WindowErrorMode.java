package dev.safesend.simulator.domain;

/**
 * How a free-form message outside the customer-service window fails (reference §1.5: Meta's split
 * is unconfirmed, so both are simulated): {@code ASYNC} answers 200 and then sends a failed status
 * webhook with 131047; {@code SYNC} answers HTTP 400 with 131047.
 */
public enum WindowErrorMode {
    ASYNC, SYNC
}
