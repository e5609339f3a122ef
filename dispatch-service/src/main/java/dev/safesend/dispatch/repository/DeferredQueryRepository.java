package dev.safesend.dispatch.repository;

import dev.safesend.dispatch.domain.DeferredMessages.DeferredRow;
import dev.safesend.dispatch.domain.DeferredMessages.Position;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads of dispatch.deferred_message for operators (what waits, why, until when); it never writes. */
@ApplicationScoped
public class DeferredQueryRepository {

    private final AgroalDataSource dataSource;

    public DeferredQueryRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The sender's deferred messages by due time then id, after {@code after} (null: from the start), optionally of one reason. */
    public List<DeferredRow> page(String senderId, String reason, Position after, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT message_id, lane, recipient, category, due_at, reason, attempts, deferred_at
                FROM deferred_message WHERE sender_id = ?""");
        List<Object> args = new ArrayList<>(List.of(senderId));
        if (reason != null) {
            sql.append(" AND reason = ?");
            args.add(reason);
        }
        if (after != null) {
            sql.append(" AND (due_at, message_id) > (?, ?)");
            args.add(Timestamp.from(after.dueAt()));
            args.add(after.messageId());
        }
        sql.append(" ORDER BY due_at, message_id LIMIT ?");
        args.add(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<DeferredRow> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new DeferredRow(rs.getString("message_id"), rs.getString("lane"), rs.getString("recipient"),
                            rs.getString("category"), rs.getTimestamp("due_at").toInstant(), rs.getString("reason"),
                            rs.getInt("attempts"), rs.getTimestamp("deferred_at").toInstant()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read deferred messages of " + senderId + ": " + e.getMessage(), e);
        }
    }

    /** How many of the sender's messages are deferred, per reason (sorted by reason). */
    public Map<String, Long> countsByReason(String senderId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT reason, count(*) FROM deferred_message WHERE sender_id = ? GROUP BY reason")) {
            s.setString(1, senderId);
            Map<String, Long> counts = new TreeMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count deferred messages of " + senderId + ": " + e.getMessage(), e);
        }
    }
}
