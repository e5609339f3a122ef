package dev.safesend.analytics.service;

import dev.safesend.analytics.domain.MessageProgress;
import dev.safesend.analytics.domain.RollupIncrements;
import dev.safesend.analytics.domain.StatusEvent;
import dev.safesend.analytics.repository.MessageTimelineRepository;
import dev.safesend.analytics.repository.RollupRepository;
import dev.safesend.analytics.repository.Transactions;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a poll batch of message events in one transaction: the timeline's steps and views, then the rollups. Each
 * message's progress row is locked, the events applied to it in arrival order (MessageProgress, the counting rule), and
 * what became countable added to its rollup cell. A redelivered batch finds its bits already reached and counted and
 * adds nothing.
 */
@ApplicationScoped
public class MessageEventService {

    /** How many events of a batch were new steps, already known steps, or not ours (no message id). */
    public record Recorded(int fresh, int duplicates, int notOurs) {
    }

    private final Transactions transactions;
    private final MessageTimelineRepository timelines;
    private final RollupRepository rollups;

    public MessageEventService(Transactions transactions, MessageTimelineRepository timelines, RollupRepository rollups) {
        this.transactions = transactions;
        this.timelines = timelines;
        this.rollups = rollups;
    }

    public Recorded record(List<StatusEvent> events) {
        List<StatusEvent> ours = events.stream().filter(e -> e.messageId() != null).toList(); // Meta statuses without our callback data
        if (ours.isEmpty()) {
            return new Recorded(0, 0, events.size());
        }
        Map<String, List<StatusEvent>> byMessage = new LinkedHashMap<>();
        for (StatusEvent e : ours) {
            byMessage.computeIfAbsent(e.messageId(), k -> new ArrayList<>()).add(e);
        }
        int fresh = transactions.inTransaction(c -> {
            Set<String> newSteps = timelines.record(c, ours);
            Map<String, MessageProgress> before = rollups.lock(c, byMessage.keySet());
            RollupIncrements increments = new RollupIncrements();
            List<MessageProgress> created = new ArrayList<>();
            List<MessageProgress> changed = new ArrayList<>();
            for (Map.Entry<String, List<StatusEvent>> m : byMessage.entrySet()) {
                MessageProgress old = before.get(m.getKey());
                MessageProgress p = old == null ? MessageProgress.unseen(m.getKey()) : old;
                for (StatusEvent e : m.getValue()) {
                    p = p.with(e);
                }
                p = increments.count(p);
                if (old == null) {
                    created.add(p);
                } else if (!p.equals(old)) {
                    changed.add(p);
                }
            }
            rollups.save(c, created, changed);
            rollups.add(c, increments);
            return newSteps.size();
        });
        return new Recorded(fresh, ours.size() - fresh, events.size() - ours.size());
    }
}
