package dev.safesend.ingest.repository;

import dev.safesend.ingest.domain.AcceptedMessage;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The record of every accepted message (the base for idempotency and lookups). */
@ApplicationScoped
public class AcceptedMessageRepository implements PanacheRepositoryBase<AcceptedMessageRecord, String> {

    public void record(AcceptedMessage accepted) {
        AcceptedMessageRecord row = new AcceptedMessageRecord();
        row.messageId = accepted.messageId();
        row.project = accepted.request().project();
        row.recipient = accepted.request().recipient();
        row.senderId = accepted.senderId();
        row.category = accepted.request().category().name();
        row.lane = accepted.lane().name();
        row.campaignId = accepted.request().campaignId();
        row.clientReference = accepted.request().clientReference();
        row.acceptedAt = accepted.acceptedAt();
        row.expiresAt = accepted.expiresAt();
        persist(row);
    }
}
