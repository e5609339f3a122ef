package dev.safesend.dispatch.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Read-only counts in dispatch.recipient_budget for the quota view: the portfolio's unique recipients in the
 * rolling 24 h (Meta's messaging limit) and a number's new recipients today (its warm-up ramp).
 */
@ApplicationScoped
public class QuotaRepository {

    private final AgroalDataSource dataSource;

    public QuotaRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @param oldest the earliest counted opening, null when none: one recipient frees up 24 h after it */
    public record BudgetUse(long used, Instant oldest) {
    }

    /** Conversations the portfolio opened after {@code since} (exclusive). */
    public BudgetUse portfolioOpenedAfter(String portfolioId, Instant since) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT count(*), min(opened_at) FROM recipient_budget WHERE portfolio_id = ? AND opened_at > ?")) {
            s.setString(1, portfolioId);
            s.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Timestamp oldest = rs.getTimestamp(2);
                return new BudgetUse(rs.getLong(1), oldest == null ? null : oldest.toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the budget of portfolio " + portfolioId + ": " + e.getMessage(), e);
        }
    }

    /** New recipients the number reached since {@code since} (inclusive). */
    public long senderOpenedSince(String senderId, Instant since) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM recipient_budget WHERE sender_id = ? AND opened_at >= ?")) {
            s.setString(1, senderId);
            s.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count new recipients of " + senderId + ": " + e.getMessage(), e);
        }
    }
}
