package dev.safesend.dispatch.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What a re-drive did: {@code redriven} records re-published (each with where its copy landed), records
 * {@code skipped} (a message the send ledger holds as submitted or in flight), selections {@code notFound} in the DLQ,
 * and records Kafka did not acknowledge ({@code failed}; safe to re-drive again).
 */
public record RedriveReportBody(int redriven, List<Redriven> records, List<Skipped> skipped, List<NotFound> notFound,
                                List<Failed> failed) {

    public record Redriven(int partition, long offset, String messageId, int toPartition, long toOffset) {
    }

    public record Skipped(int partition, long offset, String messageId, String reason, String ledgerState) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NotFound(Integer partition, Long offset, String messageId) {
    }

    public record Failed(int partition, long offset, String messageId, String error) {
    }
}
