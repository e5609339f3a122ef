package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.DeferredMessages.DeferredRow;
import dev.safesend.dispatch.domain.DeferredMessages.Position;
import dev.safesend.dispatch.repository.DeferredQueryRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** What waits in a sender's deferral store, for operators: a keyset page of it and its counts by reason. Reads only. */
@ApplicationScoped
public class DeferredListing {

    private final DeferredQueryRepository deferred;

    public DeferredListing(DeferredQueryRepository deferred) {
        this.deferred = deferred;
    }

    /** By due time then id, after {@code after} (null: from the start), optionally of one reason (null: all). */
    public List<DeferredRow> page(String senderId, String reason, Position after, int limit) {
        return deferred.page(senderId, reason, after, limit);
    }

    public Map<String, Long> countsByReason(String senderId) {
        return deferred.countsByReason(senderId);
    }
}
