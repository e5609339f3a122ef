package dev.safesend.dispatch.repository;

import dev.safesend.dispatch.domain.Sender;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** dispatch.sender and dispatch.portfolio. */
@ApplicationScoped
public class SenderRepository {

    private static final String SELECT = """
            SELECT s.*, p.daily_unique_limit FROM sender s JOIN portfolio p ON p.portfolio_id = s.portfolio_id""";

    private final AgroalDataSource dataSource;

    public SenderRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts or replaces the sender and its portfolio's limit, in one transaction. */
    public void save(Sender s) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("""
                    INSERT INTO portfolio (portfolio_id, daily_unique_limit) VALUES (?, ?)
                    ON CONFLICT (portfolio_id) DO UPDATE SET daily_unique_limit = EXCLUDED.daily_unique_limit, updated_at = now()""");
                 PreparedStatement q = c.prepareStatement("""
                    INSERT INTO sender (sender_id, waba_id, display_number, project, pool, messages_per_second, portfolio_id,
                                        warmup_start, warmup_daily_by_week, quiet_start, quiet_end, state, pause_reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (sender_id) DO UPDATE SET waba_id = EXCLUDED.waba_id, display_number = EXCLUDED.display_number,
                      project = EXCLUDED.project, pool = EXCLUDED.pool, messages_per_second = EXCLUDED.messages_per_second,
                      portfolio_id = EXCLUDED.portfolio_id, warmup_start = EXCLUDED.warmup_start,
                      warmup_daily_by_week = EXCLUDED.warmup_daily_by_week, quiet_start = EXCLUDED.quiet_start,
                      quiet_end = EXCLUDED.quiet_end, state = EXCLUDED.state, pause_reason = EXCLUDED.pause_reason,
                      updated_at = now()""")) {
                p.setString(1, s.portfolioId());
                p.setObject(2, s.portfolioDailyUniqueLimit(), Types.BIGINT);
                p.executeUpdate();
                q.setString(1, s.senderId());
                q.setString(2, s.wabaId());
                q.setString(3, s.displayNumber());
                q.setString(4, s.project());
                q.setString(5, s.pool());
                q.setInt(6, s.messagesPerSecond());
                q.setString(7, s.portfolioId());
                q.setDate(8, s.warmupStart() == null ? null : Date.valueOf(s.warmupStart()));
                q.setString(9, s.warmupDailyByWeek().stream().map(String::valueOf).collect(Collectors.joining(",")));
                q.setTime(10, Time.valueOf(s.quietStart()));
                q.setTime(11, Time.valueOf(s.quietEnd()));
                q.setString(12, s.state().name());
                q.setString(13, s.pauseReason());
                q.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save sender " + s.senderId() + ": " + e.getMessage(), e);
        }
    }

    public Optional<Sender> find(String senderId) {
        List<Sender> found = query(SELECT + " WHERE s.sender_id = ?", senderId);
        return found.stream().findFirst();
    }

    /** A page ordered by sender id, starting after {@code afterId} (null for the first page). */
    public List<Sender> page(String afterId, int limit) {
        return query(SELECT + " WHERE s.sender_id > ? ORDER BY s.sender_id LIMIT " + limit, afterId == null ? "" : afterId);
    }

    /** Sets the state; false when no such sender. */
    public boolean setState(String senderId, Sender.State state, String reason) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE sender SET state = ?, pause_reason = ?, updated_at = now() WHERE sender_id = ?")) {
            s.setString(1, state.name());
            s.setString(2, reason);
            s.setString(3, senderId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set state of " + senderId + ": " + e.getMessage(), e);
        }
    }

    private List<Sender> query(String sql, String arg) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            List<Sender> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read senders: " + e.getMessage(), e);
        }
    }

    private static Sender read(ResultSet rs) throws SQLException {
        String ramp = rs.getString("warmup_daily_by_week");
        Date warmup = rs.getDate("warmup_start");
        return new Sender(rs.getString("sender_id"), rs.getString("waba_id"), rs.getString("display_number"),
                rs.getString("project"), rs.getString("pool"), rs.getInt("messages_per_second"), rs.getString("portfolio_id"),
                (Long) rs.getObject("daily_unique_limit"), warmup == null ? null : warmup.toLocalDate(),
                ramp == null || ramp.isBlank() ? List.of() : Arrays.stream(ramp.split(",")).map(String::strip).map(Long::valueOf).toList(),
                rs.getTime("quiet_start").toLocalTime(), rs.getTime("quiet_end").toLocalTime(),
                Sender.State.valueOf(rs.getString("state")), rs.getString("pause_reason"));
    }
}
