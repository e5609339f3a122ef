package dev.safesend.simulator.domain;

import java.time.Instant;

/**
 * One outbound status to report by webhook (reference §3.4). {@code pricing} and
 * {@code conversationId} are null for read and failed statuses; {@code error} only for failed.
 */
public record StatusUpdate(String phoneNumberId, String wamid, MessageStatus status, Instant at, String recipientId,
                           String callbackData, Pricing pricing, String conversationId, Instant conversationExpiry,
                           Rejection error) {

    /** Per-message pricing (PMP): {@code type} regular or free_customer_service, {@code category} lowercase. */
    public record Pricing(boolean billable, String type, String category) {
    }
}
