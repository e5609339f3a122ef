package dev.safesend.analytics.service;

/** Every metric name analytics emits (Micrometer, lowercase dot-separated; no ids as tags). */
public final class AnalyticsMetrics {
    public static final String MESSAGES_PROCESSED = "analytics.messages.processed";
    public static final String MESSAGE_PROCESSING = "analytics.message.processing";

    private AnalyticsMetrics() {
    }
}
