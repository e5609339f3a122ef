package dev.safesend.dispatch.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.dispatch.domain.ConsentSnapshot;
import dev.safesend.dispatch.domain.ContactEngagement;
import dev.safesend.dispatch.domain.InboundMessage;
import dev.safesend.dispatch.domain.SenderHealth;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * dispatch's projections of consent, customer windows, sender health, contact engagement and campaign state. Every
 * write is idempotent and moves forward only (a higher consent version, a later window or change),
 * so redelivered or reordered events change nothing.
 */
@ApplicationScoped
public class ProjectionRepository {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public ProjectionRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Applies a batch of snapshots in one transaction: per phone, the newest one of the batch replaces the phone's consent
     * when it is newer than the version held. Returns, per snapshot in order, whether applying them one at a time would
     * have applied it (newer than the version held and than every earlier snapshot of the batch for the same phone); the
     * others are stale or duplicates. Four statements whatever the batch size (arrays, unnest), phones locked in order.
     */
    public boolean[] applyConsents(List<ConsentSnapshot> snapshots) {
        boolean[] applied = new boolean[snapshots.size()];
        if (snapshots.isEmpty()) {
            return applied;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<String, Long> newest = heldVersions(c, snapshots);
                Map<String, ConsentSnapshot> latest = new TreeMap<>();
                for (int i = 0; i < snapshots.size(); i++) {
                    ConsentSnapshot s = snapshots.get(i);
                    Long held = newest.get(s.phone());
                    if (held == null || s.version() > held) {
                        applied[i] = true;
                        newest.put(s.phone(), s.version());
                        latest.put(s.phone(), s);
                    }
                }
                Set<String> written = upsertPhones(c, latest.values());
                replaceProjections(c, latest.values().stream().filter(s -> written.contains(s.phone())).toList());
                linkAddresses(c, latest.values().stream().filter(s -> written.contains(s.phone())).toList());
                c.commit();
                for (int i = 0; i < applied.length; i++) {
                    applied[i] &= written.contains(snapshots.get(i).phone()); // else a newer version was stored meanwhile
                }
                return applied;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply consent of " + snapshots.size() + " phone(s): " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> heldVersions(Connection c, List<ConsentSnapshot> snapshots) throws SQLException {
        Map<String, Long> held = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT phone, version FROM consent_phone WHERE phone = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", snapshots.stream().map(ConsentSnapshot::phone).distinct().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    held.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return held;
    }

    /** The phones whose row now carries the given version (the others hold a newer one already). */
    private static Set<String> upsertPhones(Connection c, Collection<ConsentSnapshot> latest) throws SQLException {
        Set<String> written = new HashSet<>();
        if (latest.isEmpty()) {
            return written;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO consent_phone AS p (phone, version, erased)
                SELECT * FROM unnest(?::text[], ?::bigint[], ?::boolean[])
                ON CONFLICT (phone) DO UPDATE SET version = EXCLUDED.version, erased = EXCLUDED.erased, updated_at = now()
                WHERE p.version < EXCLUDED.version
                RETURNING p.phone""")) {
            s.setArray(1, c.createArrayOf("text", latest.stream().map(ConsentSnapshot::phone).toArray()));
            s.setArray(2, c.createArrayOf("bigint", latest.stream().map(ConsentSnapshot::version).toArray()));
            s.setArray(3, c.createArrayOf("boolean", latest.stream().map(ConsentSnapshot::erased).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    written.add(rs.getString(1));
                }
            }
        }
        return written;
    }

    private static void replaceProjections(Connection c, List<ConsentSnapshot> snapshots) throws SQLException {
        if (snapshots.isEmpty()) {
            return;
        }
        try (PreparedStatement d = c.prepareStatement("DELETE FROM consent_projection WHERE phone = ANY(?)")) {
            d.setArray(1, c.createArrayOf("text", snapshots.stream().map(ConsentSnapshot::phone).toArray()));
            d.executeUpdate();
        }
        List<String> phones = new ArrayList<>();
        List<String> projects = new ArrayList<>();
        List<String> marketing = new ArrayList<>();
        List<String> utility = new ArrayList<>();
        List<String> authentication = new ArrayList<>();
        for (ConsentSnapshot s : snapshots) {
            s.projects().forEach((project, p) -> {
                phones.add(s.phone());
                projects.add(project);
                marketing.add(p.marketing());
                utility.add(p.utility());
                authentication.add(p.authentication());
            });
        }
        if (phones.isEmpty()) {
            return;
        }
        try (PreparedStatement i = c.prepareStatement("""
                INSERT INTO consent_projection (phone, project, marketing, utility, authentication)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])""")) {
            i.setArray(1, c.createArrayOf("text", phones.toArray()));
            i.setArray(2, c.createArrayOf("text", projects.toArray()));
            i.setArray(3, c.createArrayOf("text", marketing.toArray()));
            i.setArray(4, c.createArrayOf("text", utility.toArray()));
            i.setArray(5, c.createArrayOf("text", authentication.toArray()));
            i.executeUpdate();
        }
    }

    /** Points every further address of the applied contacts at their key (a phone learned for a BSUID contact, …). */
    private static void linkAddresses(Connection c, List<ConsentSnapshot> snapshots) throws SQLException {
        List<String> addresses = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConsentSnapshot s : snapshots) {
            for (String a : s.addresses()) {
                if (!a.equals(s.phone()) && seen.add(a)) {
                    addresses.add(a);
                    keys.add(s.phone());
                }
            }
        }
        if (addresses.isEmpty()) {
            return;
        }
        try (PreparedStatement i = c.prepareStatement("""
                INSERT INTO consent_alias AS a (address, contact_key) SELECT * FROM unnest(?::text[], ?::text[])
                ON CONFLICT (address) DO UPDATE SET contact_key = EXCLUDED.contact_key, linked_at = now()
                WHERE a.contact_key <> EXCLUDED.contact_key""")) {
            i.setArray(1, c.createArrayOf("text", addresses.toArray()));
            i.setArray(2, c.createArrayOf("text", keys.toArray()));
            i.executeUpdate();
        }
    }

    public Optional<ConsentSnapshot> consent(String phone) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT version, erased FROM consent_phone WHERE phone = ?");
             PreparedStatement q = c.prepareStatement("SELECT * FROM consent_projection WHERE phone = ?")) {
            p.setString(1, phone);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long version = rs.getLong("version");
                boolean erased = rs.getBoolean("erased");
                q.setString(1, phone);
                Map<String, ConsentSnapshot.ProjectConsent> projects = new HashMap<>();
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        projects.put(r.getString("project"), new ConsentSnapshot.ProjectConsent(r.getString("marketing"),
                                r.getString("utility"), r.getString("authentication")));
                    }
                }
                return Optional.of(new ConsentSnapshot(phone, version, erased, projects));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read consent: " + e.getMessage(), e);
        }
    }

    /**
     * Forgets a phone's consent (consent-service's tombstone after a GDPR erase): the gate then knows nothing of the
     * phone and fails closed, as for a number never opted in. Returns whether a row was deleted.
     */
    public boolean forgetConsent(String phone) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM consent_phone WHERE phone = ?")) {
            s.setString(1, phone); // consent_projection rows go with it (ON DELETE CASCADE)
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot forget consent: " + e.getMessage(), e);
        }
    }

    /** Records an inbound message: the window for (sender, phone) now starts at {@code at} unless a later one is known. */
    public void openWindow(String senderId, String phone, Instant at) {
        update("""
                INSERT INTO customer_window AS w (sender_id, phone, last_inbound_at) VALUES (?, ?, ?)
                ON CONFLICT (sender_id, phone) DO UPDATE SET last_inbound_at = EXCLUDED.last_inbound_at
                WHERE w.last_inbound_at < EXCLUDED.last_inbound_at""", senderId, phone, Timestamp.from(at));
    }

    /**
     * Records a batch of inbound messages in one transaction (two statements): each (sender, phone)'s window starts at
     * its latest message unless a later one is known, and each phone's latest position on the inbound topic is kept,
     * so the gate can hold the person while their consent may be changing. Rows are written in key order.
     */
    public void recordInbound(List<InboundMessage> messages) {
        Map<WindowKey, InboundMessage> windows = new TreeMap<>();
        Map<String, InboundMessage> positions = new TreeMap<>();
        for (InboundMessage m : messages) {
            for (String id : m.identifiers()) { // a user named by phone and BSUID gets the window and the hold under both
                if (m.opensWindow()) {
                    windows.merge(new WindowKey(m.senderId(), id), m, (a, b) -> a.receivedAt().isAfter(b.receivedAt()) ? a : b);
                }
                positions.merge(id, m, (a, b) -> a.position().offset() > b.position().offset() ? a : b);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO customer_window AS w (sender_id, phone, last_inbound_at)
                        SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::timestamptz[])
                        ON CONFLICT (sender_id, phone) DO UPDATE SET last_inbound_at = EXCLUDED.last_inbound_at
                        WHERE w.last_inbound_at < EXCLUDED.last_inbound_at""")) {
                    s.setArray(1, Jdbc.texts(c, windows.keySet().stream().map(WindowKey::senderId).toArray(String[]::new)));
                    s.setArray(2, Jdbc.texts(c, windows.keySet().stream().map(WindowKey::user).toArray(String[]::new)));
                    s.setArray(3, Jdbc.timestamps(c, windows.values().stream().map(InboundMessage::receivedAt).toArray(Instant[]::new)));
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO consent_in_flight AS f (phone, inbound_partition, inbound_offset)
                        SELECT * FROM unnest(?::varchar[], ?::int[], ?::bigint[])
                        ON CONFLICT (phone) DO UPDATE SET inbound_partition = EXCLUDED.inbound_partition,
                          inbound_offset = EXCLUDED.inbound_offset
                        WHERE f.inbound_partition <> EXCLUDED.inbound_partition OR f.inbound_offset < EXCLUDED.inbound_offset""")) {
                    s.setArray(1, Jdbc.texts(c, positions.keySet()));
                    s.setArray(2, Jdbc.ints(c, positions.values().stream().map(m -> m.position().partition()).toArray(Integer[]::new)));
                    s.setArray(3, c.createArrayOf("int8", positions.values().stream().map(m -> m.position().offset()).toArray(Long[]::new)));
                    s.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record inbound messages: " + e.getMessage(), e);
        }
    }

    /** A customer window's row: (business number, user address), in the key order rows are written in. */
    private record WindowKey(String senderId, String user) implements Comparable<WindowKey> {
        @Override
        public int compareTo(WindowKey o) {
            int bySender = senderId.compareTo(o.senderId);
            return bySender != 0 ? bySender : user.compareTo(o.user);
        }
    }

    /** Deletes the positions below the cleared offsets of their partition (they hold nobody any more); returns how many. */
    public int forgetClearedInbound(Map<Integer, Long> cleared) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                DELETE FROM consent_in_flight f USING unnest(?::int[], ?::bigint[]) AS w(p, o)
                WHERE f.inbound_partition = w.p AND f.inbound_offset < w.o""")) {
            s.setArray(1, Jdbc.ints(c, cleared.keySet().toArray(Integer[]::new)));
            s.setArray(2, c.createArrayOf("int8", cleared.values().toArray(Long[]::new)));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clean the inbound positions: " + e.getMessage(), e);
        }
    }

    public Optional<Instant> lastInbound(String senderId, String phone) {
        return queryInstant("SELECT last_inbound_at FROM customer_window WHERE sender_id = ? AND phone = ?", senderId, phone);
    }

    /**
     * Stores health-monitor's decision on a sender unless a later one is held. A decision as old as the one held replaces
     * it (the same record again changes nothing), so a write retried after a lost answer still reports itself applied.
     *
     * @return true when the decision is the one now held, false when it was older than the one held (ignored)
     */
    public boolean applySenderHealth(SenderHealth h) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO sender_health AS h (sender_id, state, throttle_factor, reasons, until, changed_at, health_score,
                  quality_rating, portfolio_id, messaging_tier, held_templates)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (sender_id) DO UPDATE SET state = EXCLUDED.state, throttle_factor = EXCLUDED.throttle_factor,
                  reasons = EXCLUDED.reasons, until = EXCLUDED.until, changed_at = EXCLUDED.changed_at,
                  health_score = EXCLUDED.health_score, quality_rating = EXCLUDED.quality_rating,
                  portfolio_id = EXCLUDED.portfolio_id, messaging_tier = EXCLUDED.messaging_tier,
                  held_templates = EXCLUDED.held_templates
                WHERE h.changed_at <= EXCLUDED.changed_at""")) {
            Jdbc.bind(s, h.senderId(), h.state(), h.throttleFactor(), String.join(",", h.reasons()), h.until(), h.changedAt(),
                    h.healthScore(), h.qualityRating(), h.portfolioId(), h.messagingTier(), heldTemplatesJson(h.heldTemplates()));
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("projection write failed: " + e.getMessage(), e);
        }
    }

    public Optional<SenderHealth> senderHealth(String senderId) {
        return Optional.ofNullable(senderHealth(List.of(senderId)).get(senderId));
    }

    /** The decisions held for these senders, by senderId (a sender without one is absent). */
    public Map<String, SenderHealth> senderHealth(Collection<String> senderIds) {
        Map<String, SenderHealth> out = new HashMap<>();
        if (senderIds.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM sender_health WHERE sender_id = ANY(?)")) {
            s.setArray(1, Jdbc.texts(c, senderIds));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String reasons = rs.getString("reasons");
                    Timestamp until = rs.getTimestamp("until");
                    Object score = rs.getObject("health_score");
                    SenderHealth h = new SenderHealth(rs.getString("sender_id"), rs.getString("state"), rs.getDouble("throttle_factor"),
                            reasons == null || reasons.isEmpty() ? List.of() : List.of(reasons.split(",")),
                            until == null ? null : until.toInstant(), rs.getTimestamp("changed_at").toInstant(),
                            score == null ? null : ((Number) score).doubleValue(), rs.getString("quality_rating"),
                            rs.getString("portfolio_id"), rs.getString("messaging_tier"), heldTemplates(rs.getString("held_templates")));
                    out.put(h.senderId(), h);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read sender health: " + e.getMessage(), e);
        }
    }

    private String heldTemplatesJson(List<SenderHealth.HeldTemplate> held) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (SenderHealth.HeldTemplate t : held) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("name", t.name());
            row.put("language", t.language());
            row.put("reason", t.reason());
            rows.add(row);
        }
        try {
            return json.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write held templates: " + e.getMessage(), e);
        }
    }

    private List<SenderHealth.HeldTemplate> heldTemplates(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        try {
            List<Map<String, String>> rows = json.readValue(stored, new TypeReference<List<Map<String, String>>>() { });
            return rows.stream().map(r -> new SenderHealth.HeldTemplate(r.get("name"), r.get("language"), r.get("reason"))).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read held templates: " + e.getMessage(), e);
        }
    }

    /**
     * Applies a batch of engagement states in one transaction: per (project, contact) the newest of the batch replaces
     * the one held when it is newer; an older or equally old one (a repeated record) is ignored. Returns, per state in
     * order, whether it was applied. Rows are written in key order, in one statement whatever the batch size.
     */
    public boolean[] applyEngagements(List<ContactEngagement> states) {
        boolean[] applied = new boolean[states.size()];
        if (states.isEmpty()) {
            return applied;
        }
        Map<String, Integer> newest = new TreeMap<>();
        for (int i = 0; i < states.size(); i++) {
            ContactEngagement e = states.get(i);
            Integer held = newest.get(e.key());
            if (held == null || e.changedAt().isAfter(states.get(held).changedAt())) {
                newest.put(e.key(), i);
            }
        }
        List<ContactEngagement> latest = newest.values().stream().map(states::get).toList();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO contact_engagement AS e (project, contact, state, dormant_until, changed_at)
                SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::timestamptz[])
                ON CONFLICT (contact, project) DO UPDATE SET state = EXCLUDED.state, dormant_until = EXCLUDED.dormant_until,
                  changed_at = EXCLUDED.changed_at
                WHERE e.changed_at < EXCLUDED.changed_at
                RETURNING e.project, e.contact""")) {
            s.setArray(1, Jdbc.texts(c, latest.stream().map(ContactEngagement::project).toArray(String[]::new)));
            s.setArray(2, Jdbc.texts(c, latest.stream().map(ContactEngagement::contact).toArray(String[]::new)));
            s.setArray(3, Jdbc.texts(c, latest.stream().map(ContactEngagement::state).toArray(String[]::new)));
            s.setArray(4, Jdbc.timestamps(c, latest.stream().map(ContactEngagement::dormantUntil).toArray(Instant[]::new)));
            s.setArray(5, Jdbc.timestamps(c, latest.stream().map(ContactEngagement::changedAt).toArray(Instant[]::new)));
            Set<String> written = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    written.add(rs.getString(1) + "/" + rs.getString(2));
                }
            }
            newest.forEach((key, i) -> applied[i] = written.contains(key));
            return applied;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply the engagement of " + latest.size() + " contact(s): " + e.getMessage(), e);
        }
    }

    /** Forgets a contact's engagement with a project (a tombstone on wa.contact-engagement.v1); true when a row went. */
    public boolean forgetEngagement(String project, String contact) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM contact_engagement WHERE contact = ? AND project = ?")) {
            s.setString(1, contact);
            s.setString(2, project);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot forget an engagement: " + e.getMessage(), e);
        }
    }

    public Optional<ContactEngagement> engagement(String project, String contact) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT state, dormant_until, changed_at FROM contact_engagement WHERE contact = ? AND project = ?")) {
            s.setString(1, contact);
            s.setString(2, project);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp until = rs.getTimestamp(2);
                return Optional.of(new ContactEngagement(project, contact, rs.getString(1), until == null ? null : until.toInstant(),
                        rs.getTimestamp(3).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read an engagement: " + e.getMessage(), e);
        }
    }

    /**
     * A campaign's state moves forward by its events' times and never leaves CANCELLED or COMPLETED. CREATED, SCHEDULED
     * and UPDATED say nothing about whether its messages may go: they are recorded for a campaign not known yet and
     * otherwise leave the state as it is, so editing or rescheduling a paused campaign does not release its messages.
     */
    public void applyCampaignState(String campaignId, String state, Instant changedAt) {
        update("""
                INSERT INTO campaign_state AS s (campaign_id, state, changed_at) VALUES (?, ?, ?)
                ON CONFLICT (campaign_id) DO UPDATE SET state = EXCLUDED.state, changed_at = EXCLUDED.changed_at
                WHERE s.changed_at <= EXCLUDED.changed_at AND s.state NOT IN ('CANCELLED', 'COMPLETED')
                  AND EXCLUDED.state NOT IN ('CREATED', 'SCHEDULED', 'UPDATED')""",
                campaignId, state, Timestamp.from(changedAt));
    }

    public Optional<String> campaignState(String campaignId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT state FROM campaign_state WHERE campaign_id = ?")) {
            s.setString(1, campaignId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read campaign state: " + e.getMessage(), e);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("projection write failed: " + e.getMessage(), e);
        }
    }

    private Optional<Instant> queryInstant(String sql, String a, String b) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, a);
            s.setString(2, b);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("projection read failed: " + e.getMessage(), e);
        }
    }
}
