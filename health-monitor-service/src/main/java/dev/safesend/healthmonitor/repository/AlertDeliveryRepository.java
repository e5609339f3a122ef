package dev.safesend.healthmonitor.repository;

import dev.safesend.healthmonitor.domain.AlertDelivery;
import dev.safesend.healthmonitor.domain.AlertFormat;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * health_monitor.alert_delivery, the outbox of alert webhooks. JDBC rather than Panache: this is a work queue, not an
 * aggregate, and its claim is one set-based statement (a materialised CTE with {@code FOR UPDATE SKIP LOCKED} feeding
 * an {@code UPDATE … RETURNING}) that an entity API cannot say. Every method runs on the caller's transaction when there
 * is one (raise: the health change's), else as one auto-committed statement.
 */
@ApplicationScoped
public class AlertDeliveryRepository {

    /**
     * Due rows, oldest first, leased to one worker. MATERIALIZED makes PostgreSQL run the locking sub-select once, so
     * the UPDATE touches at most {@code LIMIT} rows (inlined, it can be re-evaluated and claim more than it returns
     * to the limit). SKIP LOCKED lets instances claim side by side without waiting for each other. A row is held back
     * while an earlier row of the same sender to the same target is still PENDING, so a target sees a sender's changes
     * in order (a resolve never overtakes the alert it resolves). The lease is a future {@code next_attempt_at}, not
     * a status: a worker that dies leaves its rows PENDING, and they are due again when the lease ends.
     */
    private static final String CLAIM = """
            WITH due AS MATERIALIZED (
                SELECT d.seq FROM alert_delivery d
                WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?
                  AND NOT EXISTS (SELECT 1 FROM alert_delivery e
                                  WHERE e.status = 'PENDING' AND e.sender_id = d.sender_id
                                    AND e.target_url = d.target_url AND e.seq < d.seq)
                ORDER BY d.next_attempt_at, d.seq
                LIMIT ?
                FOR UPDATE SKIP LOCKED)
            UPDATE alert_delivery a SET attempts = a.attempts + 1, next_attempt_at = ?, claim = ?
            FROM due WHERE a.seq = due.seq
            RETURNING a.delivery_id, a.alert_id, a.sender_id, a.target_url, a.format, a.body, a.attempts, a.seq""";

    private final AgroalDataSource dataSource;

    public AlertDeliveryRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** New PENDING rows due at {@code due}, in list order ({@link AlertDelivery#attempt()} is ignored). */
    public void add(List<AlertDelivery> deliveries, Instant due) {
        if (deliveries.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO alert_delivery (delivery_id, alert_id, sender_id, target_url, format, body, next_attempt_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            for (AlertDelivery d : deliveries) {
                s.setObject(1, d.deliveryId());
                s.setObject(2, d.alertId());
                s.setString(3, d.senderId());
                s.setString(4, d.target().toString());
                s.setString(5, d.format().name());
                s.setString(6, d.body());
                s.setObject(7, utc(due));
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw failure("write alert deliveries", e);
        }
    }

    /**
     * Claims up to {@code limit} rows due at {@code now} for the worker holding {@code claim} until {@code leaseUntil},
     * counting the attempt it is about to make.
     */
    public List<AlertDelivery> claim(Instant now, Instant leaseUntil, UUID claim, int limit) {
        List<Map.Entry<Long, AlertDelivery>> claimed = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(CLAIM)) {
            s.setObject(1, utc(now));
            s.setInt(2, limit);
            s.setObject(3, utc(leaseUntil));
            s.setObject(4, claim);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(Map.entry(rs.getLong(8), new AlertDelivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getString(3), URI.create(rs.getString(4)), AlertFormat.valueOf(rs.getString(5)), rs.getString(6),
                            rs.getInt(7))));
                }
            }
            claimed.sort(Map.Entry.comparingByKey()); // RETURNING has no order: oldest first
            return claimed.stream().map(Map.Entry::getValue).toList();
        } catch (SQLException e) {
            throw failure("claim alert deliveries", e);
        }
    }

    /** The target accepted it. False when the claim was lost (the lease ended and another worker took the row). */
    public boolean delivered(UUID deliveryId, UUID claim, int status, Instant at) {
        return finish(deliveryId, claim, "DELIVERED", status, null, at);
    }

    /** Given up: rejected by the target or out of attempts. False when the claim was lost. */
    public boolean failed(UUID deliveryId, UUID claim, int status, String error, Instant at) {
        return finish(deliveryId, claim, "FAILED", status, error, at);
    }

    /** Failed this time; due again at {@code next}. False when the claim was lost. */
    public boolean retryAt(UUID deliveryId, UUID claim, int status, String error, Instant next) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     UPDATE alert_delivery SET next_attempt_at = ?, last_status = ?, last_error = ?, claim = NULL
                     WHERE delivery_id = ? AND claim = ? AND status = 'PENDING'""")) {
            s.setObject(1, utc(next));
            s.setInt(2, status);
            s.setString(3, error);
            s.setObject(4, deliveryId);
            s.setObject(5, claim);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("reschedule an alert delivery", e);
        }
    }

    /** Rows neither delivered nor given up. */
    public long pending() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM alert_delivery WHERE status = 'PENDING'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("count pending alert deliveries", e);
        }
    }

    /** Deletes delivered and failed rows finished before {@code cutoff}; returns how many. */
    public int purgeFinishedBefore(Instant cutoff) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "DELETE FROM alert_delivery WHERE status <> 'PENDING' AND finished_at < ?")) {
            s.setObject(1, utc(cutoff));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure("purge finished alert deliveries", e);
        }
    }

    private boolean finish(UUID deliveryId, UUID claim, String status, int httpStatus, String error, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     UPDATE alert_delivery SET status = ?, last_status = ?, last_error = ?, finished_at = ?, claim = NULL
                     WHERE delivery_id = ? AND claim = ? AND status = 'PENDING'""")) {
            s.setString(1, status);
            s.setInt(2, httpStatus);
            s.setString(3, error);
            s.setObject(4, utc(at));
            s.setObject(5, deliveryId);
            s.setObject(6, claim);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("record an alert delivery's outcome", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
}
