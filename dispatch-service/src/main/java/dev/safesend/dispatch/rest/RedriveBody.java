package dev.safesend.dispatch.rest;

import java.util.List;

/** Body of {@code POST /v1/dlq/{topic}/redrive}: either {@code records} (positions in the DLQ) or {@code messageIds}, at most 1,000. */
public record RedriveBody(List<RecordPosition> records, List<String> messageIds) {

    public record RecordPosition(Integer partition, Long offset) {
    }
}
