package dev.safesend.healthmonitor.service;

import dev.safesend.healthmonitor.config.HealthMonitorConfig;
import dev.safesend.healthmonitor.domain.ContactEngagement;
import dev.safesend.healthmonitor.domain.MessageRecord;
import dev.safesend.healthmonitor.domain.OptOut;
import dev.safesend.healthmonitor.domain.Reply;
import dev.safesend.healthmonitor.domain.Scope;
import dev.safesend.healthmonitor.domain.Signal;
import dev.safesend.healthmonitor.domain.StatusSignal;
import dev.safesend.healthmonitor.repository.EngagementRepository;
import dev.safesend.healthmonitor.repository.MessageSignalRepository;
import dev.safesend.healthmonitor.repository.SignalBucketRepository.Increment;
import dev.safesend.healthmonitor.repository.SignalBucketRepository;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a batch of events into counted signals, in one transaction: the per-message dedupe rows, the windows'
 * buckets and the contacts' engagement are written together, changed engagement is published (awaiting Kafka's ack)
 * before the commit, and the in-memory windows are fed after it. A redelivered batch finds its rows already flagged
 * and counts nothing twice.
 */
@ApplicationScoped
public class SignalService {

    private final AgroalDataSource dataSource;
    private final MessageSignalRepository messages;
    private final SignalBucketRepository buckets;
    private final EngagementRepository engagement;
    private final Windows windows;
    private final SenderFactsService senderFacts;
    private final EngagementPublisher publisher;
    private final HealthMonitorConfig config;
    private final Clock clock;
    private final AfterCommit afterCommit;

    public SignalService(AfterCommit afterCommit, AgroalDataSource dataSource, MessageSignalRepository messages, SignalBucketRepository buckets,
                         EngagementRepository engagement, Windows windows, SenderFactsService senderFacts,
                         EngagementPublisher publisher, HealthMonitorConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.messages = messages;
        this.buckets = buckets;
        this.engagement = engagement;
        this.windows = windows;
        this.senderFacts = senderFacts;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    /** What a batch counted: the increments (fed to the in-memory windows once committed). */
    public record Counted(List<Increment> increments, int signals, int engagementChanges) {
    }

    @Transactional
    public Counted statuses(List<StatusSignal> events) {
        Instant now = clock.instant();
        restore(now);
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(e -> ids.add(e.messageId()));
        Map<String, Increment> increments = new LinkedHashMap<>();
        Map<String, ContactEngagement> touched;
        Map<String, ContactEngagement> before;
        Map<String, Instant> spam = new HashMap<>();
        Map<String, Object[]> blocks = new HashMap<>();
        int counted = 0;
        try (Connection c = dataSource.getConnection()) {
            Map<String, MessageRecord> rows = messages.load(c, ids);
            List<String[]> contactKeys = new ArrayList<>();
            List<Object[]> engagementEvents = new ArrayList<>();
            for (StatusSignal e : events) {
                MessageRecord r = rows.computeIfAbsent(e.messageId(), MessageRecord::new);
                List<String> signals = r.apply(e);
                if (signals.isEmpty()) {
                    continue;
                }
                counted += signals.size();
                long minute = (e.at().isAfter(now) ? now : e.at()).getEpochSecond() / 60;
                for (String signal : signals) {
                    count(increments, r, signal, minute);
                }
                if (e.errorCode() != null && r.senderId != null) {
                    if (e.errorCode() == 131048) {
                        spam.merge(r.senderId, e.at(), (a, b) -> a.isAfter(b) ? a : b);
                    } else if (e.errorCode() == 368 || e.errorCode() == 131031) {
                        blocks.put(r.senderId, new Object[] {e.at(), String.valueOf(e.errorCode())});
                    }
                }
                if (r.marketing() && r.project != null && r.recipient != null
                        && (signals.contains(Signal.DELIVERED.name()) || signals.contains(Signal.READ.name()))) {
                    contactKeys.add(new String[] {r.project, r.recipient});
                    engagementEvents.add(new Object[] {r, signals, e.at()});
                }
            }
            // replies that came before the statuses of the message they quote
            List<String> newWamids = rows.values().stream().filter(r -> r.wamid != null && r.changed).map(r -> r.wamid).toList();
            if (!newWamids.isEmpty()) {
                messages.lockReplies(c);
            }
            Map<String, Instant> early = messages.takeReplies(c, newWamids);
            if (!early.isEmpty()) {
                for (MessageRecord r : rows.values()) {
                    Instant at = r.wamid == null ? null : early.get(r.wamid);
                    if (at != null && r.reply()) {
                        count(increments, r, Signal.REPLIED.name(), at.getEpochSecond() / 60);
                    }
                }
            }
            messages.save(c, rows.values());
            List<Increment> list = new ArrayList<>(increments.values());
            buckets.add(c, list);
            touched = engagement.load(c, contactKeys);
            before = new HashMap<>(touched);
            int k = config.engagement().unreadLimit();
            for (Object[] ev : engagementEvents) {
                MessageRecord r = (MessageRecord) ev[0];
                @SuppressWarnings("unchecked") List<String> signals = (List<String>) ev[1];
                String key = EngagementRepository.key(r.project, r.recipient);
                ContactEngagement state = touched.getOrDefault(key, ContactEngagement.fresh(r.project, r.recipient));
                if (signals.contains(Signal.DELIVERED.name())) {
                    state = state.delivered(r.messageId, r.deliveredAt, k, config.engagement().dormancy(), now);
                }
                if (signals.contains(Signal.READ.name())) {
                    state = state.read(r.messageId, r.deliveredAt, (Instant) ev[2]);
                }
                touched.put(key, state);
            }
            engagement.save(c, touched.values(), now);
            int changes = publishChanged(touched, before, now);
            spam.forEach(senderFacts::spamLimited);
            blocks.forEach((sender, b) -> senderFacts.accountBlocked(sender, (Instant) b[0], (String) b[1]));
            return afterCommit(new Counted(list, counted, changes), now);
        } catch (SQLException e) {
            throw new StoreUnavailableException(e.getMessage(), e);
        }
    }

    /** Replies: the message replied to is marked (once) and counted, and its contact is engaged again. */
    @Transactional
    public Counted replies(List<Reply> replies) {
        Instant now = clock.instant();
        restore(now);
        List<Increment> increments = new ArrayList<>();
        Map<String, ContactEngagement> touched = new HashMap<>();
        Map<String, ContactEngagement> before = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            Map<String, MessageRecord> changed = new LinkedHashMap<>();
            messages.lockReplies(c);
            for (Reply reply : replies) {
                Optional<MessageRecord> found = messages.repliedTo(c, reply.contextWamid(), reply.address(), reply.senderId(), reply.at());
                if (found.isEmpty()) {
                    if (reply.contextWamid() != null) {
                        messages.pendReply(c, reply.contextWamid(), reply.at()); // counted when its message's statuses arrive
                    }
                    continue;
                }
                MessageRecord r = changed.getOrDefault(found.get().messageId, found.get()); // replied to twice in one batch
                if (!r.reply()) {
                    continue;
                }
                changed.put(r.messageId, r);
                long minute = reply.at().getEpochSecond() / 60;
                r.scopes().forEach(s -> increments.add(new Increment(s, Signal.REPLIED.name(), minute, 1)));
                if (r.marketing() && r.project != null && r.recipient != null) {
                    String key = EngagementRepository.key(r.project, r.recipient);
                    ContactEngagement state = touched.get(key);
                    if (state == null) {
                        state = engagement.find(c, r.project, r.recipient).orElse(ContactEngagement.fresh(r.project, r.recipient));
                        before.put(key, state);
                    }
                    touched.put(key, state.replied(reply.at()));
                }
            }
            messages.save(c, changed.values());
            buckets.add(c, increments);
            engagement.save(c, touched.values(), now);
            int changes = publishChanged(touched, before, now);
            return afterCommit(new Counted(increments, increments.size(), changes), now);
        } catch (SQLException e) {
            throw new StoreUnavailableException(e.getMessage(), e);
        }
    }

    /** Opt-outs per number; each consent event counts once (the processed-event log). */
    @Transactional
    public Counted optOuts(List<OptOut> optOuts) {
        Instant now = clock.instant();
        restore(now);
        List<Increment> increments = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (OptOut o : optOuts) {
                if (o.senderId() == null || !firstTime(c, o.eventId(), "wa.consent-changes.v1")) {
                    continue;
                }
                increments.add(new Increment(Scope.sender(o.senderId()), Signal.optOut(o.source()).name(), o.at().getEpochSecond() / 60, 1));
            }
            buckets.add(c, increments);
            return afterCommit(new Counted(increments, increments.size(), 0), now);
        } catch (SQLException e) {
            throw new StoreUnavailableException(e.getMessage(), e);
        }
    }

    private void restore(Instant now) {
        try {
            windows.restore(now);
        } catch (SQLException e) {
            throw new StoreUnavailableException(e.getMessage(), e);
        }
    }

    /** Adds one to a signal of the message in each of its scopes, in one minute (same bucket, same increment). */
    private static void count(Map<String, Increment> increments, MessageRecord r, String signal, long minute) {
        for (Scope scope : r.scopes()) {
            increments.merge(scope.type() + "|" + scope.id() + "|" + signal + "|" + minute, new Increment(scope, signal, minute, 1),
                    (a, b) -> new Increment(a.scope(), a.metric(), a.minute(), a.count() + b.count()));
        }
    }

    /** Records an event id; false when it was processed before. */
    static boolean firstTime(Connection c, String eventId, String topic) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO processed_event (event_id, topic) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING event_id")) {
            ps.setString(1, eventId);
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private int publishChanged(Map<String, ContactEngagement> after, Map<String, ContactEngagement> before, Instant now) {
        int n = 0;
        for (Map.Entry<String, ContactEngagement> e : after.entrySet()) {
            ContactEngagement old = before.get(e.getKey());
            if (old == null ? e.getValue().dormantUntil() != null : old.decisionDiffers(e.getValue())) {
                publisher.publish(e.getValue(), now);
                n++;
            }
        }
        return n;
    }

    /** Feeds the in-memory windows once the transaction has committed. */
    private Counted afterCommit(Counted counted, Instant now) {
        afterCommit.run(() -> windows.add(counted.increments(), now));
        return counted;
    }
}
