package dev.safesend.consent.rest;

import java.time.Instant;
import java.util.List;

/**
 * GET /v1/imports/{id}: progress while it runs and the report after. {@code rowsRejected} counts rows with an error
 * (not imported, or imported without their consent change); {@code errors} lists the first 1,000 of them.
 */
public record ImportView(String id, String project, String status, long rowsRead, long contactsImported, long duplicatesMerged,
                         long rowsRejected, long consentChanges, String failure, Instant createdAt, Instant startedAt,
                         Instant finishedAt, List<RowErrorView> errors) {

    public record RowErrorView(long line, String phone, String code, String message) {
    }
}
