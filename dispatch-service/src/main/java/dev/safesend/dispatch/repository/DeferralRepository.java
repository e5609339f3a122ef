package dev.safesend.dispatch.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The durable deferral store (dispatch.deferred_message): messages that may not go yet, indexed by due time.
 * Deferring a message that already failed an attempt also releases its ledger row, in the same transaction,
 * so the retry can claim it again.
 */
@ApplicationScoped
public class DeferralRepository {

    private final AgroalDataSource dataSource;

    public DeferralRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One deferred message; {@code payload} is the lane record's value as it was on Kafka. */
    public record Deferred(String messageId, String senderId, String lane, String recipient, String category, Instant dueAt,
                           String reason, int attempts, byte[] payload) {
    }

    public void defer(List<Deferred> rows, List<String> releaseLedger) {
        if (rows.isEmpty() && releaseLedger.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!releaseLedger.isEmpty()) {
                    try (PreparedStatement s = c.prepareStatement("DELETE FROM send_ledger WHERE message_id = ANY(?) AND state IN ('INFLIGHT', 'FAILED')")) {
                        s.setArray(1, Jdbc.texts(c, releaseLedger));
                        s.executeUpdate();
                    }
                }
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO deferred_message (message_id, sender_id, lane, recipient, category, due_at, reason, attempts, payload)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (message_id) DO UPDATE SET due_at = EXCLUDED.due_at, reason = EXCLUDED.reason,
                          attempts = EXCLUDED.attempts, payload = EXCLUDED.payload, lane = EXCLUDED.lane, deferred_at = now()""")) {
                    for (Deferred d : rows) {
                        Jdbc.bind(s, d.messageId(), d.senderId(), d.lane(), d.recipient(), d.category(), d.dueAt(), d.reason(),
                                d.attempts(), d.payload());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot store deferred messages: " + e.getMessage(), e);
        }
    }

    /**
     * Takes up to {@code limit} due messages (locked, so concurrent pollers share the work), hands them to
     * {@code reenter} and deletes them only when it answers true (their re-entry is durable).
     *
     * @return how many re-entered
     */
    public int reenterDue(Instant now, int limit, Predicate<List<Deferred>> reenter) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Deferred> due = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT message_id, sender_id, lane, recipient, category, due_at, reason, attempts, payload FROM deferred_message
                        WHERE due_at <= ? ORDER BY due_at, deferred_at LIMIT ? FOR UPDATE SKIP LOCKED""")) {
                    Jdbc.bind(s, now, limit);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            due.add(new Deferred(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                    rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getInt(8), rs.getBytes(9)));
                        }
                    }
                }
                if (due.isEmpty() || !reenter.test(due)) {
                    c.rollback();
                    return 0;
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM deferred_message WHERE message_id = ANY(?)")) {
                    s.setArray(1, Jdbc.texts(c, due.stream().map(Deferred::messageId).toList()));
                    s.executeUpdate();
                }
                c.commit();
                return due.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot re-enter deferred messages: " + e.getMessage(), e);
        }
    }
}
