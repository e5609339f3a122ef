package dev.safesend.ingest.service;

/** Every metric name ingest emits (Micrometer, lowercase dot-separated; no ids as tags). */
public final class IngestMetrics {
    public static final String MESSAGES_ACCEPTED = "ingest.messages.accepted";
    public static final String MESSAGES_REJECTED = "ingest.messages.rejected";
    public static final String WEBHOOKS_RECEIVED = "ingest.webhooks.received";
    public static final String WEBHOOKS_REJECTED = "ingest.webhooks.rejected";
    public static final String WEBHOOK_UPDATES_PUBLISHED = "ingest.webhook.updates.published";

    private IngestMetrics() {
    }
}
