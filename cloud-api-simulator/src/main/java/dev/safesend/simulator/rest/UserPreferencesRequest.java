package dev.safesend.simulator.rest;

/** {@code POST /sim/users/{id}/preferences}: the business phone-number-id and "stop" or "resume" (marketing messages). */
public record UserPreferencesRequest(String to, String value) {
}
