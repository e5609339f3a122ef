package dev.safesend.consent.domain;

import java.time.Instant;

/** One line of a contact's append-only consent history. */
public record LedgerEntry(long id, String project, Category category, ConsentState state, Evidence evidence,
                          Instant recordedAt, String actor, long version) {
}
