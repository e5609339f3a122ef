package dev.safesend.healthmonitor.service;

import dev.safesend.healthmonitor.domain.ContactEngagement;

import java.time.Instant;

/** Publishes a contact's engagement (wa.contact-engagement.v1) and waits for Kafka's ack; throws when it fails. */
public interface EngagementPublisher {

    void publish(ContactEngagement engagement, Instant at);
}
