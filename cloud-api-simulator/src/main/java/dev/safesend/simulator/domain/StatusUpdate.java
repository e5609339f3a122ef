package dev.safesend.simulator.domain;

import java.time.Instant;

/**
 * One outbound status to report by webhook (reference §3.4). {@code pricing} and
 * {@code conversationId} are null for read and failed statuses; {@code error} only for failed.
 * {@code recipientId} (phone digits) is set for messages sent by phone; {@code recipientUserId}
 * (the BSUID) for every status except the failed statuses of messages sent by phone.
 * {@code username} is the recipient's username when they have one.
 */
public record StatusUpdate(String phoneNumberId, String wamid, MessageStatus status, Instant at, String recipientId,
                           String recipientUserId, String username, String callbackData, Pricing pricing,
                           String conversationId, Instant conversationExpiry, Rejection error) {

    /** A status of a message sent by phone, without BSUID or username. */
    public StatusUpdate(String phoneNumberId, String wamid, MessageStatus status, Instant at, String recipientId,
                        String callbackData, Pricing pricing, String conversationId, Instant conversationExpiry,
                        Rejection error) {
        this(phoneNumberId, wamid, status, at, recipientId, null, null, callbackData, pricing, conversationId,
                conversationExpiry, error);
    }

    /** Per-message pricing (PMP): {@code type} regular or free_customer_service, {@code category} lowercase. */
    public record Pricing(boolean billable, String type, String category) {
    }
}
