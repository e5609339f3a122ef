package dev.safesend.consent.domain;

import java.time.Instant;
import java.util.List;

/** A CSV import's progress and report. */
public record ImportJob(String id, String project, Status status, long rowsRead, long contactsImported,
                        long duplicatesMerged, long rowsRejected, long consentChanges, String failure,
                        Instant createdAt, Instant startedAt, Instant finishedAt, List<RowError> errors) {

    public enum Status { QUEUED, RUNNING, COMPLETED, FAILED }
}
