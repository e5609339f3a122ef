package dev.safesend.healthmonitor.service;

/** Every metric name of health-monitor (Micrometer; Prometheus shows dots as underscores). */
public final class HealthMonitorMetrics {

    private HealthMonitorMetrics() {
    }

    /** Gauge: numbers per health state (tag state). */
    public static final String SENDERS = "health.senders";
    /** Per consumer: {@code event.type}, {@code outcome=success|duplicate|dead_lettered}. */
    public static final String PROCESSED = "health.messages.processed";
    /** Timer of one consumed batch. */
    public static final String PROCESSING = "health.message.processing";
    /** Signals counted (each message's status once). */
    public static final String SIGNALS = "health.signals.counted";
    /** Contacts' engagement records published. */
    public static final String ENGAGEMENT_PUBLISHED = "health.engagement.published";
}
