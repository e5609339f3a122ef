package dev.safesend.healthmonitor.domain;

/** What a webhook target's answer means for the delivery. */
public enum DeliveryOutcome {
    /** 2xx: the target has it. */
    DELIVERED,
    /** No answer, 5xx, 408, 429 (or anything else unexpected): try again later. */
    RETRY,
    /** Any other 4xx: the target refuses this request and would refuse it again; retrying cannot help. */
    REJECTED;

    /** @param status the HTTP status, or 0 when no answer came (connection refused, timeout) */
    public static DeliveryOutcome ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return DELIVERED;
        }
        if (status == 408 || status == 429) {
            return RETRY;
        }
        if (status >= 400 && status < 500) {
            return REJECTED;
        }
        return RETRY;
    }
}
