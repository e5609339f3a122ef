package dev.safesend.dispatch.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;

/** The few JDBC moves dispatch's repositories share: positional binding and PostgreSQL arrays for batch statements. */
final class Jdbc {

    private Jdbc() {
    }

    static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            s.setObject(i + 1, a instanceof Instant t ? Timestamp.from(t) : a);
        }
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        }
    }

    static Array texts(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("varchar", values.toArray());
    }

    static Array texts(Connection c, String[] values) throws SQLException {
        return c.createArrayOf("varchar", values);
    }

    static Array timestamps(Connection c, Instant[] values) throws SQLException {
        Timestamp[] t = new Timestamp[values.length];
        for (int i = 0; i < values.length; i++) {
            t[i] = values[i] == null ? null : Timestamp.from(values[i]);
        }
        return c.createArrayOf("timestamptz", t);
    }

    static Array ints(Connection c, Integer[] values) throws SQLException {
        return c.createArrayOf("int4", values);
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
