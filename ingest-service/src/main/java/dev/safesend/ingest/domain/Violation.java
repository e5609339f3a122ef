package dev.safesend.ingest.domain;

/** One reason a request is refused: the field (JSON path), a stable machine-readable code, and a human message. */
public record Violation(String field, String code, String message) {
}
