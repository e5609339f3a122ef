package dev.safesend.ingest.service;

import dev.safesend.ingest.domain.WebhookBatch;

import java.util.concurrent.CompletableFuture;

/** What one round of webhook deliveries normalised to (statuses, inbound messages, account signals); implemented in messaging. */
public interface WebhookEvents {

    /** Sends every record of the batch at once; completes when Kafka has acknowledged all of them. */
    CompletableFuture<Void> publish(WebhookBatch batch);
}
