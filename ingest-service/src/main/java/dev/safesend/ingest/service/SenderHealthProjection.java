package dev.safesend.ingest.service;

import dev.safesend.ingest.domain.Category;
import dev.safesend.ingest.domain.SenderHealth;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current health decision per sending number, in memory, rebuilt at every start by reading the compacted
 * wa.sender-health.v1 from the beginning (each instance with its own consumer group). The topic is the record and
 * holds one small value per number, and every instance needs all of them to route; a table would add a write
 * path and a second copy to keep in step. Before the projection has caught up a number counts as available:
 * dispatch still holds marketing for a PAUSED number (its gate 7), so routing is an optimisation, not the guard.
 */
@ApplicationScoped
public class SenderHealthProjection {

    private final Map<String, SenderHealth> bySender = new ConcurrentHashMap<>();

    public void apply(SenderHealth health) {
        SenderHealth previous = bySender.put(health.senderId(), health);
        if (previous == null || previous.state() != health.state()) {
            Log.infof("sender health: senderId=%s %s -> %s reasons=%s", health.senderId(),
                    previous == null ? "unknown" : previous.state(), health.state(), health.reasons());
        }
    }

    /** A tombstone on the compacted topic: the number is no longer tracked. */
    public void forget(String senderId) {
        bySender.remove(senderId);
    }

    public boolean available(String senderId, Category category) {
        SenderHealth health = bySender.get(senderId);
        return health == null || !health.pauses(category);
    }

    public Optional<SenderHealth> of(String senderId) {
        return Optional.ofNullable(bySender.get(senderId));
    }
}
