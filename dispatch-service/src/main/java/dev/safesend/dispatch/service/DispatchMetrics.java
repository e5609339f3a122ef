package dev.safesend.dispatch.service;

/** Every metric name dispatch emits (Micrometer, lowercase dot-separated; no ids as tags). */
public final class DispatchMetrics {
    public static final String MESSAGES_SUBMITTED = "dispatch.messages.submitted";
    public static final String MESSAGES_FAILED = "dispatch.messages.failed";
    public static final String MESSAGES_EXPIRED = "dispatch.messages.expired";
    public static final String MESSAGES_PROCESSED = "dispatch.messages.processed";
    public static final String MESSAGE_PROCESSING = "dispatch.message.processing";
    public static final String CLOUD_API_LATENCY = "dispatch.cloudapi.latency";

    private DispatchMetrics() {
    }
}
