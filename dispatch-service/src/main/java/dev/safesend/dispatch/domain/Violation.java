package dev.safesend.dispatch.domain;

/** One rule a request breaks: the field (JSON path), a stable machine-readable code, a human message. */
public record Violation(String field, String code, String message) {
}
