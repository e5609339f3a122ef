package dev.safesend.healthmonitor.repository;

import dev.safesend.healthmonitor.domain.Scope;
import dev.safesend.healthmonitor.domain.ScopeType;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The windows' buckets (set-based JDBC, one statement per batch for minutes and hours together). */
@ApplicationScoped
public class SignalBucketRepository {

    /** One increment: a metric of a scope in one minute. */
    public record Increment(Scope scope, String metric, long minute, long count) {
    }

    /** A stored bucket, minute ('m') or hour ('h'). */
    public record Bucket(Scope scope, String metric, boolean hour, Instant at, long count) {
    }

    private final AgroalDataSource dataSource;

    public SignalBucketRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds a batch's increments to both the minute and the hour buckets. */
    public void add(Connection c, List<Increment> increments) throws SQLException {
        if (increments.isEmpty()) {
            return;
        }
        int n = increments.size();
        Object[] type = new Object[2 * n];
        Object[] id = new Object[2 * n];
        Object[] metric = new Object[2 * n];
        Object[] gran = new Object[2 * n];
        Object[] bucket = new Object[2 * n];
        Object[] count = new Object[2 * n];
        for (int i = 0; i < n; i++) {
            Increment inc = increments.get(i);
            for (int g = 0; g < 2; g++) {
                int k = 2 * i + g;
                type[k] = inc.scope().type().name();
                id[k] = inc.scope().id();
                metric[k] = inc.metric();
                gran[k] = g == 0 ? "m" : "h";
                long minute = g == 0 ? inc.minute() : inc.minute() / 60 * 60;
                bucket[k] = Timestamp.from(Instant.ofEpochSecond(minute * 60));
                count[k] = inc.count();
            }
        }
        // the same bucket twice in one statement would make ON CONFLICT fail: sum first
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO signal_bucket AS b (scope_type, scope_id, metric, granularity, bucket, count)
                SELECT t, i, m, g, k, sum(n) FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::char[], ?::timestamptz[], ?::bigint[])
                    AS u(t, i, m, g, k, n) GROUP BY t, i, m, g, k
                ON CONFLICT (scope_type, scope_id, metric, granularity, bucket) DO UPDATE SET count = b.count + EXCLUDED.count""")) {
            ps.setArray(1, c.createArrayOf("varchar", type));
            ps.setArray(2, c.createArrayOf("varchar", id));
            ps.setArray(3, c.createArrayOf("varchar", metric));
            ps.setArray(4, c.createArrayOf("bpchar", gran));
            ps.setArray(5, c.createArrayOf("timestamptz", bucket));
            ps.setArray(6, c.createArrayOf("int8", count));
            ps.executeUpdate();
        }
    }

    /** Every bucket still inside the windows (minutes of the last 24 h, hours of the last 7 days). */
    public void loadSince(Instant now, Consumer<Bucket> each) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT scope_type, scope_id, metric, granularity, bucket, count FROM signal_bucket
                     WHERE (granularity = 'm' AND bucket > ?) OR (granularity = 'h' AND bucket > ?)""")) {
            ps.setTimestamp(1, Timestamp.from(now.minusSeconds(24 * 3600)));
            ps.setTimestamp(2, Timestamp.from(now.minusSeconds(7 * 24 * 3600 + 3600)));
            ps.setFetchSize(5_000);
            boolean own = c.getAutoCommit(); // outside a transaction: open one so the rows stream in pages
            if (own) {
                c.setAutoCommit(false);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(new Bucket(new Scope(ScopeType.valueOf(rs.getString(1)), rs.getString(2)), rs.getString(3),
                            "h".equals(rs.getString(4)), rs.getTimestamp(5).toInstant(), rs.getLong(6)));
                }
            }
            if (own) {
                c.commit();
            }
        }
    }

    /** Drops minute buckets older than 25 h and hour buckets older than the retention. */
    public int sweep(Instant now, java.time.Duration retention) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM signal_bucket WHERE (granularity = 'm' AND bucket < ?)"
                     + " OR (granularity = 'h' AND bucket < ?)")) {
            ps.setTimestamp(1, Timestamp.from(now.minusSeconds(25 * 3600)));
            ps.setTimestamp(2, Timestamp.from(now.minus(retention)));
            return ps.executeUpdate();
        }
    }

}
