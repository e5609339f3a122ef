package dev.safesend.ingest.domain;

import java.time.Instant;

/** What the caller learns about an accepted message; stored with its idempotency key and returned on replay. */
public record IntakeReceipt(String messageId, String recipient, String senderId, Lane lane, Instant acceptedAt,
                            Instant expiresAt, boolean optOutHintAppended) {

    public static IntakeReceipt of(AcceptedMessage accepted, boolean optOutHintAppended) {
        return new IntakeReceipt(accepted.messageId(), accepted.request().recipient(), accepted.senderId(), accepted.lane(),
                accepted.acceptedAt(), accepted.expiresAt(), optOutHintAppended);
    }
}
