package dev.safesend.analytics.domain;

/** One unusable field of a request: its JSON name, a machine code and why. */
public record Violation(String field, String code, String message) {
}
