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
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
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
                                        warmup_start, warmup_daily_by_week, quiet_start, quiet_end, state, pause_reason,
                                        pause_source, paused_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (sender_id) DO UPDATE SET waba_id = EXCLUDED.waba_id, display_number = EXCLUDED.display_number,
                      project = EXCLUDED.project, pool = EXCLUDED.pool, messages_per_second = EXCLUDED.messages_per_second,
                      portfolio_id = EXCLUDED.portfolio_id, warmup_start = EXCLUDED.warmup_start,
                      warmup_daily_by_week = EXCLUDED.warmup_daily_by_week, quiet_start = EXCLUDED.quiet_start,
                      quiet_end = EXCLUDED.quiet_end, state = EXCLUDED.state, pause_reason = EXCLUDED.pause_reason,
                      pause_source = EXCLUDED.pause_source, paused_at = EXCLUDED.paused_at, updated_at = now()""")) {
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
                q.setString(14, s.pauseSource() == null ? null : s.pauseSource().name());
                q.setTimestamp(15, s.pausedAt() == null ? null : Timestamp.from(s.pausedAt()));
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
        return page(afterId, limit, null);
    }

    /** The same, of the senders of {@code projects} only (null: every project). */
    public List<Sender> page(String afterId, int limit, List<String> projects) {
        String after = afterId == null ? "" : afterId;
        if (projects == null) {
            return query(SELECT + " WHERE s.sender_id > ? ORDER BY s.sender_id LIMIT " + limit, after);
        }
        return query(SELECT + " WHERE s.sender_id > ? AND s.project = ANY(?) ORDER BY s.sender_id LIMIT " + limit, (c, s) -> {
            s.setString(1, after);
            s.setArray(2, c.createArrayOf("text", projects.toArray()));
        });
    }

    /** An operator's pause (source OPERATOR, replacing an automatic one) or resume; false when no such sender. */
    public boolean setState(String senderId, Sender.State state, String reason, Instant at) {
        boolean paused = state == Sender.State.PAUSED;
        return update("""
                UPDATE sender SET state = ?, pause_reason = ?, pause_source = ?, paused_at = ?, updated_at = now()
                WHERE sender_id = ?""", state.name(), reason, paused ? Sender.PauseSource.OPERATOR.name() : null,
                paused ? Timestamp.from(at) : null, senderId) == 1;
    }

    /**
     * Dispatch's own pause on Meta's 131048/368/131031 (source AUTO, at {@code at}). An operator's pause is left as it is;
     * an automatic one is moved to the later time. False when no such sender or when an operator has paused it.
     */
    public boolean pauseAutomatically(String senderId, String reason, Instant at) {
        return update("""
                UPDATE sender SET state = 'PAUSED', pause_reason = ?, pause_source = 'AUTO', paused_at = ?, updated_at = now()
                WHERE sender_id = ? AND (state <> 'PAUSED' OR pause_source IS DISTINCT FROM 'OPERATOR')""",
                reason, Timestamp.from(at), senderId) == 1;
    }

    /**
     * Lifts an automatic pause taken before {@code decidedAt} (health-monitor has a decision on the number that knows
     * of the pause); an operator's pause, or an automatic one taken since, stays. True when the sender was resumed.
     */
    public boolean clearAutomaticPause(String senderId, Instant decidedAt) {
        return update("""
                UPDATE sender SET state = 'ACTIVE', pause_reason = NULL, pause_source = NULL, paused_at = NULL, updated_at = now()
                WHERE sender_id = ? AND state = 'PAUSED' AND pause_source = 'AUTO' AND paused_at < ?""",
                senderId, Timestamp.from(decidedAt)) == 1;
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change the sender registry: " + e.getMessage(), e);
        }
    }

    /** Binds a statement's parameters (the connection makes arrays). */
    private interface Binder {
        void bind(Connection c, PreparedStatement s) throws SQLException;
    }

    private List<Sender> query(String sql, String arg) {
        return query(sql, (c, s) -> s.setString(1, arg));
    }

    private List<Sender> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(c, s);
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
        Timestamp pausedAt = rs.getTimestamp("paused_at");
        return new Sender(rs.getString("sender_id"), rs.getString("waba_id"), rs.getString("display_number"),
                rs.getString("project"), rs.getString("pool"), rs.getInt("messages_per_second"), rs.getString("portfolio_id"),
                (Long) rs.getObject("daily_unique_limit"), warmup == null ? null : warmup.toLocalDate(),
                ramp == null || ramp.isBlank() ? List.of() : Arrays.stream(ramp.split(",")).map(String::strip).map(Long::valueOf).toList(),
                rs.getTime("quiet_start").toLocalTime(), rs.getTime("quiet_end").toLocalTime(),
                Sender.State.valueOf(rs.getString("state")), rs.getString("pause_reason"),
                rs.getString("pause_source") == null ? null : Sender.PauseSource.valueOf(rs.getString("pause_source")),
                pausedAt == null ? null : pausedAt.toInstant());
    }
}
