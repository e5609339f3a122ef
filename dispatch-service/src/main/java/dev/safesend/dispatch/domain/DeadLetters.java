package dev.safesend.dispatch.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Dead-lettered records as dispatch's DLQ view and re-drive see them: what was read, selected and re-published. */
public final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * @param outbound          an outbound lane (its records are OutboundMessages and go through the send ledger)
     * @param carriesMessageIds its records carry a messageId, so they can be selected by it
     */
    public record Source(String topic, String dlq, boolean outbound, boolean carriesMessageIds) {
    }

    public record Header(String key, byte[] value) {
    }

    public record Ref(int partition, long offset) {
    }

    /**
     * One dead-lettered record.
     *
     * @param recordType the platform record its value decodes as, null when it does not decode
     * @param messageId  the message's id when the record carries one
     * @param project    the project the record belongs to, null when it names none or does not decode
     */
    public record DeadLetter(int partition, long offset, String key, Instant timestamp, List<Header> headers, byte[] value,
                             String recordType, String messageId, String project) {
        public DeadLetter {
            headers = List.copyOf(headers);
        }

        public boolean decodable() {
            return recordType != null;
        }

        public Ref ref() {
            return new Ref(partition, offset);
        }
    }

    /** @param next the position after the slice in every partition; {@code exhausted} when nothing is left after it */
    public record Slice(List<DeadLetter> items, Map<Integer, Long> next, boolean exhausted) {
    }

    /** @param nextCursor null on the last page */
    public record Page(List<DeadLetter> items, String nextCursor) {
    }

    /** A re-published record and where its copy landed; {@code error} set (and no position) when Kafka did not acknowledge. */
    public record Republished(DeadLetter from, int partition, long offset, String error) {
    }

    public record Skipped(DeadLetter letter, String reason, String ledgerState) {
    }

    /** A selected record that is not in the DLQ: by position or by message id. */
    public record NotFound(Integer partition, Long offset, String messageId) {
    }

    public record FailedRedrive(DeadLetter letter, String error) {
    }

    public record RedriveReport(List<Republished> redriven, List<Skipped> skipped, List<NotFound> notFound,
                                List<FailedRedrive> failed) {
    }
}
