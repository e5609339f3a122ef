package dev.safesend.dispatch.repository;

import dev.safesend.servicekit.store.StoreUnavailableException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Counts in dispatch.recipient_budget: the portfolio's unique recipients in the rolling window and a number's new recipients today. */
@ApplicationScoped
public class BudgetRepository {

    private final AgroalDataSource dataSource;

    public BudgetRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @param oldest the earliest counted opening (null when none): the budget frees up one window (budget.window) after it */
    public record Usage(long count, Instant oldest) {
    }

    public Usage portfolioSince(String portfolioId, Instant since) {
        return usage("SELECT count(*), min(opened_at) FROM recipient_budget WHERE portfolio_id = ? AND opened_at > ?", portfolioId, since);
    }

    public Usage senderSince(String senderId, Instant since) {
        return usage("SELECT count(*), min(opened_at) FROM recipient_budget WHERE sender_id = ? AND opened_at >= ?", senderId, since);
    }

    private Usage usage(String sql, String key, Instant since) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Jdbc.bind(s, key, since);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Usage(rs.getLong(1), Jdbc.instant(rs.getTimestamp(2)));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot count the recipient budget: " + e.getMessage(), e);
        }
    }
}
