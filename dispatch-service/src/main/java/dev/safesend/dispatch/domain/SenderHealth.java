package dev.safesend.dispatch.domain;

import java.time.Instant;
import java.util.List;

/** health-monitor's current decision on a sender: HEALTHY, THROTTLED (rate × throttleFactor) or PAUSED. */
public record SenderHealth(String senderId, String state, double throttleFactor, List<String> reasons, Instant until,
                           Instant changedAt) {
    public SenderHealth {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
