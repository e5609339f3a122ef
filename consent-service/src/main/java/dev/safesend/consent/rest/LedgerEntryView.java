package dev.safesend.consent.rest;

import java.time.Instant;

/** One entry of the consent history. */
public record LedgerEntryView(long id, String project, String category, String state, String source, Instant evidenceAt,
                              String proof, Instant recordedAt, String actor, long version) {
}
