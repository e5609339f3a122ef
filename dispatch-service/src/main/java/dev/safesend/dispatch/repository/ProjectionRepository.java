package dev.safesend.dispatch.repository;

import dev.safesend.dispatch.domain.ConsentSnapshot;
import dev.safesend.dispatch.domain.SenderHealth;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * dispatch's projections of consent, customer windows, sender health and campaign state. Every
 * write is idempotent and moves forward only (a higher consent version, a later window or change),
 * so redelivered or reordered events change nothing.
 */
@ApplicationScoped
public class ProjectionRepository {

    private final AgroalDataSource dataSource;

    public ProjectionRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Replaces the phone's consent when {@code snapshot} is newer; false when it is stale or a duplicate. */
    public boolean applyConsent(ConsentSnapshot snapshot) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int changed;
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO consent_phone AS p (phone, version, erased) VALUES (?, ?, ?)
                        ON CONFLICT (phone) DO UPDATE SET version = EXCLUDED.version, erased = EXCLUDED.erased, updated_at = now()
                        WHERE p.version < EXCLUDED.version""")) {
                    s.setString(1, snapshot.phone());
                    s.setLong(2, snapshot.version());
                    s.setBoolean(3, snapshot.erased());
                    changed = s.executeUpdate();
                }
                if (changed == 0) {
                    c.rollback();
                    return false;
                }
                try (PreparedStatement d = c.prepareStatement("DELETE FROM consent_projection WHERE phone = ?")) {
                    d.setString(1, snapshot.phone());
                    d.executeUpdate();
                }
                try (PreparedStatement i = c.prepareStatement(
                        "INSERT INTO consent_projection (phone, project, marketing, utility, authentication) VALUES (?, ?, ?, ?, ?)")) {
                    for (var e : snapshot.projects().entrySet()) {
                        i.setString(1, snapshot.phone());
                        i.setString(2, e.getKey());
                        i.setString(3, e.getValue().marketing());
                        i.setString(4, e.getValue().utility());
                        i.setString(5, e.getValue().authentication());
                        i.addBatch();
                    }
                    i.executeBatch();
                }
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply consent of a phone: " + e.getMessage(), e);
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

    /** Records an inbound message: the window for (sender, phone) now starts at {@code at} unless a later one is known. */
    public void openWindow(String senderId, String phone, Instant at) {
        update("""
                INSERT INTO customer_window AS w (sender_id, phone, last_inbound_at) VALUES (?, ?, ?)
                ON CONFLICT (sender_id, phone) DO UPDATE SET last_inbound_at = EXCLUDED.last_inbound_at
                WHERE w.last_inbound_at < EXCLUDED.last_inbound_at""", senderId, phone, Timestamp.from(at));
    }

    public Optional<Instant> lastInbound(String senderId, String phone) {
        return queryInstant("SELECT last_inbound_at FROM customer_window WHERE sender_id = ? AND phone = ?", senderId, phone);
    }

    public void applySenderHealth(SenderHealth h) {
        update("""
                INSERT INTO sender_health AS h (sender_id, state, throttle_factor, reasons, until, changed_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (sender_id) DO UPDATE SET state = EXCLUDED.state, throttle_factor = EXCLUDED.throttle_factor,
                  reasons = EXCLUDED.reasons, until = EXCLUDED.until, changed_at = EXCLUDED.changed_at
                WHERE h.changed_at <= EXCLUDED.changed_at""", h.senderId(), h.state(), h.throttleFactor(),
                String.join(",", h.reasons()), h.until() == null ? null : Timestamp.from(h.until()), Timestamp.from(h.changedAt()));
    }

    public Optional<SenderHealth> senderHealth(String senderId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM sender_health WHERE sender_id = ?")) {
            s.setString(1, senderId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String reasons = rs.getString("reasons");
                Timestamp until = rs.getTimestamp("until");
                return Optional.of(new SenderHealth(senderId, rs.getString("state"), rs.getDouble("throttle_factor"),
                        reasons == null || reasons.isEmpty() ? java.util.List.of() : java.util.List.of(reasons.split(",")),
                        until == null ? null : until.toInstant(), rs.getTimestamp("changed_at").toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read sender health: " + e.getMessage(), e);
        }
    }

    public void applyCampaignState(String campaignId, String state, Instant changedAt) {
        update("""
                INSERT INTO campaign_state AS s (campaign_id, state, changed_at) VALUES (?, ?, ?)
                ON CONFLICT (campaign_id) DO UPDATE SET state = EXCLUDED.state, changed_at = EXCLUDED.changed_at
                WHERE s.changed_at <= EXCLUDED.changed_at AND s.state NOT IN ('CANCELLED', 'COMPLETED')""",
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
