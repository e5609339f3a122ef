package dev.safesend.dispatch.repository;

import dev.safesend.dispatch.config.DispatchConfig;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The send ledger (dispatch.send_ledger): INFLIGHT is written before the Cloud API call and SUBMITTED (with
 * the wamid) or FAILED after it, so a redelivered message is never sent twice. Its rows also are the
 * per-recipient history the gate reads (pair limit, marketing frequency, identical content).
 */
@ApplicationScoped
public class SendLedgerRepository {

    private final AgroalDataSource dataSource;
    private final Duration budgetWindow;

    public SendLedgerRepository(AgroalDataSource dataSource, DispatchConfig config) {
        this.dataSource = dataSource;
        this.budgetWindow = config.budget().window();
    }

    /** One message about to be sent. */
    public record Claim(String messageId, String senderId, String recipient, String category, String contentHash, String lane) {
    }

    /** A recipient this send opens a business-initiated conversation with (counts in the portfolio's rolling set). */
    public record BudgetOpen(String portfolioId, String recipient, String senderId) {
    }

    /** A settled send: wamid when Meta accepted it, errorCode when it refused. */
    public record Settled(String messageId, String wamid, Integer errorCode) {
    }

    /** A row that was in flight when its sender could no longer tell what happened. */
    public record Uncertain(String messageId, String senderId, String recipient, String category) {
    }

    /**
     * Marks the messages INFLIGHT and counts new recipients in the budget, in one transaction. A recipient already in
     * the budget opens anew (its row's opened_at moves) only once its opening has left the window (budget.window).
     *
     * @return the messageIds this call claimed (the others were already in the ledger)
     */
    public Set<String> claim(List<Claim> claims, List<BudgetOpen> opens, Instant at) {
        if (claims.isEmpty()) {
            return Set.of();
        }
        String[] ids = new String[claims.size()], senders = new String[claims.size()], recipients = new String[claims.size()],
                categories = new String[claims.size()], hashes = new String[claims.size()], lanes = new String[claims.size()];
        for (int i = 0; i < claims.size(); i++) {
            Claim c = claims.get(i);
            ids[i] = c.messageId();
            senders[i] = c.senderId();
            recipients[i] = c.recipient();
            categories[i] = c.category();
            hashes[i] = c.contentHash();
            lanes[i] = c.lane();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Set<String> claimed = new HashSet<>();
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO send_ledger (message_id, sender_id, recipient, category, content_hash, lane, state, claimed_at)
                        SELECT u.*, 'INFLIGHT', ? FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) AS u
                        ON CONFLICT (message_id) DO NOTHING RETURNING message_id""")) {
                    Jdbc.bind(s, at);
                    s.setArray(2, Jdbc.texts(c, ids));
                    s.setArray(3, Jdbc.texts(c, senders));
                    s.setArray(4, Jdbc.texts(c, recipients));
                    s.setArray(5, Jdbc.texts(c, categories));
                    s.setArray(6, Jdbc.texts(c, hashes));
                    s.setArray(7, Jdbc.texts(c, lanes));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            claimed.add(rs.getString(1));
                        }
                    }
                }
                if (!opens.isEmpty()) {
                    String[] portfolios = new String[opens.size()], who = new String[opens.size()], by = new String[opens.size()];
                    for (int i = 0; i < opens.size(); i++) {
                        portfolios[i] = opens.get(i).portfolioId();
                        who[i] = opens.get(i).recipient();
                        by[i] = opens.get(i).senderId();
                    }
                    try (PreparedStatement s = c.prepareStatement("""
                            INSERT INTO recipient_budget AS b (portfolio_id, recipient, sender_id, opened_at)
                            SELECT DISTINCT ON (u.p, u.r) u.p, u.r, u.s, ? FROM unnest(?::varchar[], ?::varchar[], ?::varchar[]) AS u(p, r, s)
                            ON CONFLICT (portfolio_id, recipient) DO UPDATE SET opened_at = EXCLUDED.opened_at, sender_id = EXCLUDED.sender_id
                            WHERE b.opened_at <= ?""")) {
                        Jdbc.bind(s, at);
                        s.setArray(2, Jdbc.texts(c, portfolios));
                        s.setArray(3, Jdbc.texts(c, who));
                        s.setArray(4, Jdbc.texts(c, by));
                        s.setTimestamp(5, java.sql.Timestamp.from(at.minus(budgetWindow)));
                        s.executeUpdate();
                    }
                }
                c.commit();
                return claimed;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot claim sends in the ledger: " + e.getMessage(), e);
        }
    }

    /** Records the answers of a batch of calls: SUBMITTED with the wamid, or FAILED with Meta's code. */
    public void settle(List<Settled> settled, Instant at) {
        if (settled.isEmpty()) {
            return;
        }
        String[] ids = new String[settled.size()], wamids = new String[settled.size()];
        Integer[] codes = new Integer[settled.size()];
        for (int i = 0; i < settled.size(); i++) {
            ids[i] = settled.get(i).messageId();
            wamids[i] = settled.get(i).wamid();
            codes[i] = settled.get(i).errorCode();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE send_ledger l SET state = CASE WHEN u.wamid IS NULL THEN 'FAILED' ELSE 'SUBMITTED' END,
                  wamid = u.wamid, error_code = u.code, settled_at = ?
                FROM unnest(?::varchar[], ?::varchar[], ?::int4[]) AS u(message_id, wamid, code)
                WHERE l.message_id = u.message_id AND l.state IN ('INFLIGHT', 'UNKNOWN')""")) {
            Jdbc.bind(s, at);
            s.setArray(2, Jdbc.texts(c, ids));
            s.setArray(3, Jdbc.texts(c, wamids));
            s.setArray(4, Jdbc.ints(c, codes));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot settle sends in the ledger: " + e.getMessage(), e);
        }
    }

    /** @param state the ledger state left in place, null when the row was released or there was none */
    public record Release(String state) {
        public boolean kept() {
            return state != null;
        }
    }

    /**
     * The one ledger write a DLQ re-drive makes: a FAILED row is deleted so the re-driven message may be sent again;
     * any other row (INFLIGHT, SUBMITTED, UNKNOWN) is kept, and the message must not be re-driven.
     */
    public Release releaseFailed(String messageId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT state FROM send_ledger WHERE message_id = ?")) {
            Jdbc.update(c, "DELETE FROM send_ledger WHERE message_id = ? AND state = 'FAILED'", messageId);
            select.setString(1, messageId);
            try (ResultSet rs = select.executeQuery()) {
                return new Release(rs.next() ? rs.getString(1) : null);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot release the send ledger row of a re-driven message: " + e.getMessage(), e);
        }
    }

    /** Reconciles an in-flight or UNKNOWN send from a status webhook carrying its messageId; false when nothing was waiting. */
    public boolean reconcile(String messageId, String wamid, Instant at) {
        try (Connection c = dataSource.getConnection()) {
            return Jdbc.update(c, "UPDATE send_ledger SET state = 'SUBMITTED', wamid = ?, settled_at = ? "
                    + "WHERE message_id = ? AND state IN ('INFLIGHT', 'UNKNOWN')", wamid, at, messageId) == 1;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot reconcile a send: " + e.getMessage(), e);
        }
    }

    /** messageIds whose outcome is not known: UNKNOWN, or INFLIGHT since before {@code inflightBefore}. */
    public Set<String> awaitingReconciliation(Instant inflightBefore) {
        Set<String> ids = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT message_id FROM send_ledger WHERE state = 'UNKNOWN' OR (state = 'INFLIGHT' AND claimed_at < ?)")) {
            Jdbc.bind(s, inflightBefore);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read in-flight sends: " + e.getMessage(), e);
        }
    }

    /** Marks sends in flight since before {@code cutoff} UNKNOWN and returns them (at most {@code limit}). */
    public List<Uncertain> markUnknown(Instant cutoff, int limit) {
        List<Uncertain> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE send_ledger SET state = 'UNKNOWN' WHERE message_id IN (
                  SELECT message_id FROM send_ledger WHERE state = 'INFLIGHT' AND claimed_at < ? ORDER BY claimed_at LIMIT ?
                  FOR UPDATE SKIP LOCKED)
                RETURNING message_id, sender_id, recipient, category""")) {
            Jdbc.bind(s, cutoff, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Uncertain(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot mark stale sends UNKNOWN: " + e.getMessage(), e);
        }
    }
}
