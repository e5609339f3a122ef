package dev.safesend.ingest.domain;

import java.time.Instant;

/** One entry of a webhook's {@code statuses}: what happened to an outbound message at Meta. */
public record StatusUpdate(String wamid, DeliveryStatus status, Instant at, String recipientE164, String senderId,
                           String messageId, Integer errorCode, String errorTitle, String errorDetails,
                           String pricingCategory) {

    /** Meta retries deliver the same status again: one event per (wamid, status). */
    public String dedupeKey() {
        return "status:" + wamid + ":" + status.name();
    }
}
