package dev.safesend.consent.repository;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Small JDBC conveniences shared by the repositories. */
final class Sql {

    private Sql() {
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    static java.sql.Array texts(Connection c, Iterable<String> values) throws SQLException {
        java.util.List<String> list = new java.util.ArrayList<>();
        values.forEach(list::add);
        return c.createArrayOf("text", list.toArray());
    }

    static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
}
