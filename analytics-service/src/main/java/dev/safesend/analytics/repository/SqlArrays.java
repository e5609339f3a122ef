package dev.safesend.analytics.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** The PostgreSQL arrays the repositories' set-based statements ({@code unnest(?::…[])}, {@code = ANY(?)}) bind. */
final class SqlArrays {

    private SqlArrays() {
    }

    static Array text(Connection c, String[] values) throws SQLException {
        return c.createArrayOf("text", values);
    }

    static Array text(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("varchar", values.toArray());
    }

    static Array times(Connection c, List<Instant> values) throws SQLException {
        return c.createArrayOf("timestamptz", values.stream().map(i -> i == null ? null : Timestamp.from(i)).toArray());
    }
}
