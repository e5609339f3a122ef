package dev.safesend.dispatch.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The one send-ledger write a DLQ re-drive makes: a FAILED row is deleted so the re-driven message may be sent
 * again; any other row (INFLIGHT, SUBMITTED, UNKNOWN awaiting reconciliation) is kept, and the message must not be
 * re-driven, or it could reach the recipient twice.
 */
@ApplicationScoped
public class RedriveLedgerRepository {

    private final AgroalDataSource dataSource;

    public RedriveLedgerRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @param state the ledger state left in place, null when the row was released or there was none */
    public record Release(String state) {
        public boolean kept() {
            return state != null;
        }
    }

    public Release releaseFailed(String messageId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM send_ledger WHERE message_id = ? AND state = 'FAILED'");
             PreparedStatement select = c.prepareStatement("SELECT state FROM send_ledger WHERE message_id = ?")) {
            delete.setString(1, messageId);
            delete.executeUpdate();
            select.setString(1, messageId);
            try (ResultSet rs = select.executeQuery()) {
                return new Release(rs.next() ? rs.getString(1) : null);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release the send ledger row of a re-driven message: " + e.getMessage(), e);
        }
    }
}
