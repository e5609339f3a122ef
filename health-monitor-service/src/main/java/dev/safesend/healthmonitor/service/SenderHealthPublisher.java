package dev.safesend.healthmonitor.service;

import dev.safesend.healthmonitor.repository.SenderHealthEntity;

import java.time.Instant;
import java.util.List;

/** Publishes a sender's whole decision (wa.sender-health.v1) and waits for Kafka's ack; throws when it fails. */
public interface SenderHealthPublisher {

    /** A template held on the sender's WABA. */
    record Held(String name, String language, String reason) {
    }

    void publish(SenderHealthEntity sender, List<Held> heldTemplates, Instant at);
}
