package dev.safesend.healthmonitor.service;

import dev.safesend.healthmonitor.domain.TemplateOnHold;
import dev.safesend.healthmonitor.repository.SenderHealthEntity;

import java.time.Instant;
import java.util.List;

/** Publishes a sender's whole decision (wa.sender-health.v1) and waits for Kafka's ack; throws when it fails. */
public interface SenderHealthPublisher {

    void publish(SenderHealthEntity sender, List<TemplateOnHold> heldTemplates, Instant at);
}
