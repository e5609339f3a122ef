package dev.safesend.healthmonitor.domain;

import java.net.URI;
import java.util.UUID;

/**
 * One alert on its way to one webhook target, as a worker claimed it.
 *
 * @param deliveryId stable across attempts: sent as the {@code Idempotency-Key} header so a receiver can drop a repeat
 * @param alertId    the health change it reports, shared by every target's delivery of that change (in the body)
 * @param attempt    this attempt's number, 1 for the first
 */
public record AlertDelivery(UUID deliveryId, UUID alertId, String senderId, URI target, AlertFormat format, String body,
                            int attempt) {

    /** The target without path, query or credentials: what logs may show (a Slack webhook URL is a secret). */
    public String targetHost() {
        return target.getScheme() + "://" + target.getHost() + (target.getPort() < 0 ? "" : ":" + target.getPort());
    }
}
