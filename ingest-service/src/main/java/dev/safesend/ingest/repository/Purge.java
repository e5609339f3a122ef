package dev.safesend.ingest.repository;

import dev.safesend.servicekit.store.StoreUnavailableException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/** Deletes rows whose time column is older than a retention (table and column names are constants of this package). */
final class Purge {

    private Purge() {
    }

    static int olderThan(DataSource dataSource, String table, String column, Duration retention) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + column
                     + " < now() - (? * interval '1 millisecond')")) {
            ps.setLong(1, retention.toMillis());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot purge " + table, e);
        }
    }
}
