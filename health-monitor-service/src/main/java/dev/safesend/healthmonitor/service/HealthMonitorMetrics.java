package dev.safesend.healthmonitor.service;

/**
 * Every metric name health-monitor emits (Micrometer, lowercase dot-separated; no ids as tags). Prometheus sees dots
 * as underscores and counters with {@code _total}: {@code health.alerts.delivered} is {@code health_alerts_delivered_total}.
 * k8s/base/alerts/sender-health.yaml alerts on them.
 */
public final class HealthMonitorMetrics {

    /** Gauge: numbers per health state, tag {@code state} (HEALTHY, WARNING, CRITICAL, PAUSED); set each evaluation tick. */
    public static final String SENDERS = "health.senders";
    /** Counter: sender health changes committed, tag {@code to} (the state changed to). */
    public static final String SENDER_CHANGES = "health.sender.changes";
    /** Counter: alert deliveries a webhook target accepted (2xx), tag {@code format} (alertmanager, slack). */
    public static final String ALERTS_DELIVERED = "health.alerts.delivered";
    /**
     * Counter: alert deliveries given up, tags {@code format} and {@code reason}: {@code rejected} (a 4xx other than
     * 408/429) or {@code exhausted} (every attempt failed).
     */
    public static final String ALERTS_FAILED = "health.alerts.failed";
    /** Gauge: alert deliveries not yet delivered nor given up (all instances share the table; alert on the max). */
    public static final String ALERTS_PENDING = "health.alerts.pending";

    /** Per consumer: {@code event.type}, {@code outcome=success|duplicate|dead_lettered}. */
    public static final String PROCESSED = "health.messages.processed";
    /** Timer of one consumed batch, tag {@code event.type}. */
    public static final String PROCESSING = "health.message.processing";
    /** Counter: signals counted (each message's status once), tag {@code event.type}. */
    public static final String SIGNALS = "health.signals.counted";

    private HealthMonitorMetrics() {
    }
}
