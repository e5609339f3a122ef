package dev.safesend.ingest.service;

import dev.safesend.ingest.domain.AcceptedMessage;
import dev.safesend.ingest.domain.MessageRequest;
import dev.safesend.ingest.domain.Violation;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Accepted messages onto their sender's lane, with their ACCEPTED and REJECTED events; implemented in messaging. */
public interface OutboundPublisher {

    /** Sends every lane record and ACCEPTED event at once; completes when Kafka has acknowledged all of them. */
    CompletableFuture<Void> publishAll(List<AcceptedMessage> accepted, String requestId);

    /** The REJECTED event of a Kafka send request the rules refused; completes when Kafka has acknowledged it. */
    CompletableFuture<Void> publishRejected(String messageId, String requestId, MessageRequest request, List<Violation> violations);
}
