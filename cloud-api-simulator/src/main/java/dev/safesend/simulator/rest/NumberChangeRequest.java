package dev.safesend.simulator.rest;

/** {@code POST /sim/users/{id}/number-change}: the user's new phone in E.164. */
public record NumberChangeRequest(String newPhone) {
}
