package dev.safesend.dispatch.repository;

import dev.safesend.dispatch.domain.LedgerClaim;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The send ledger (dispatch.send_ledger): INFLIGHT is written before the Cloud API call and
 * SUBMITTED (with the wamid) after it, so a redelivered message is never sent twice.
 */
@ApplicationScoped
public class SendLedgerRepository {

    private final AgroalDataSource dataSource;

    public SendLedgerRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public LedgerClaim claim(String messageId, String senderId, Instant at) {
        return update("INSERT INTO send_ledger (message_id, sender_id, state, claimed_at) VALUES (?, ?, 'INFLIGHT', ?) "
                + "ON CONFLICT (message_id) DO NOTHING", messageId, senderId, Timestamp.from(at)) == 1
                ? LedgerClaim.CLAIMED : LedgerClaim.ALREADY_SENT_OR_SENDING;
    }

    public void submitted(String messageId, String wamid, Instant at) {
        update("UPDATE send_ledger SET state = 'SUBMITTED', wamid = ?, settled_at = ? WHERE message_id = ?",
                wamid, Timestamp.from(at), messageId);
    }

    public void failed(String messageId, Integer errorCode, Instant at) {
        update("UPDATE send_ledger SET state = 'FAILED', error_code = ?, settled_at = ? WHERE message_id = ?",
                errorCode, Timestamp.from(at), messageId);
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("send ledger write failed: " + e.getMessage(), e);
        }
    }
}
