package dev.safesend.consent.rest;

import java.time.Instant;

/** Evidence of a consent change: source (WEB_FORM, IMPORT, API, KEYWORD, ADMIN), when (default now), proof (required to grant). */
public record EvidenceBody(String source, Instant at, String proof) {
}
