package dev.safesend.analytics.service;

/** The metric names of attribution (Micrometer, lowercase dot-separated; no ids as tags). */
public final class AttributionMetrics {
    /** Records taken by attribution's consumers, tagged event.type and outcome (success, duplicate, skipped, dead_lettered). */
    public static final String RECORDS_PROCESSED = "analytics.attribution.records.processed";
    /** One consumer batch, tagged event.type. */
    public static final String BATCH_PROCESSING = "analytics.attribution.batch.processing";
    /** Conversions reported by POST /v1/conversions and acknowledged by Kafka. */
    public static final String CONVERSIONS_ACCEPTED = "analytics.conversions.accepted";

    private AttributionMetrics() {
    }
}
