package dev.safesend.ingest.repository;

import dev.safesend.ingest.domain.AcceptedMessage;
import dev.safesend.servicekit.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/** The record of every accepted message (ingest.accepted_message), written in JDBC batches inside the caller's transaction. */
@ApplicationScoped
public class AcceptedMessageRepository {

    private static final String INSERT = """
            INSERT INTO accepted_message (message_id, project, recipient, sender_id, category, lane, campaign_id,
                                          client_reference, accepted_at, expires_at, request_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    /** A campaign message released again after a crash keeps its first record. */
    private static final String INSERT_ONCE = INSERT + " ON CONFLICT (message_id) DO NOTHING";

    private final DataSource dataSource;

    public AcceptedMessageRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(List<AcceptedMessage> accepted, String requestId) {
        insert(INSERT, accepted, requestId);
    }

    /** Whether any of the ids is recorded (one index lookup each, in one statement). */
    public boolean anyRecorded(List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM accepted_message WHERE message_id = ANY(?))")) {
            ps.setArray(1, c.createArrayOf("varchar", messageIds.toArray()));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot look accepted messages up", e);
        }
    }

    /** Campaign messages, whose ids are deterministic: one released twice (after a crash) is recorded once. */
    public void recordOnce(List<AcceptedMessage> accepted) {
        insert(INSERT_ONCE, accepted, null);
    }

    private void insert(String sql, List<AcceptedMessage> accepted, String requestId) {
        if (accepted.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (AcceptedMessage a : accepted) {
                ps.setString(1, a.messageId());
                ps.setString(2, a.request().project());
                ps.setString(3, a.request().recipient());
                ps.setString(4, a.senderId());
                ps.setString(5, a.request().category().name());
                ps.setString(6, a.lane().name());
                ps.setString(7, a.request().campaignId());
                ps.setString(8, a.request().clientReference());
                ps.setTimestamp(9, Timestamp.from(a.acceptedAt()));
                ps.setTimestamp(10, Timestamp.from(a.expiresAt()));
                ps.setString(11, requestId);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot record accepted messages", e);
        }
    }

    public long count() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM accepted_message");
             var rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot count accepted messages", e);
        }
    }
}
