package dev.safesend.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A database outage as a service sees it during a PostgreSQL restart: for {@code duration}, every client connection but
 * this one is terminated as soon as it is seen (every 20 ms), so each statement fails with a lost connection (SQLState
 * 57P01 / 08006) and new connections die young. Closing it ends the outage at once.
 */
public final class PostgresOutage implements AutoCloseable {

    private final Connection admin;
    private final ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();

    private PostgresOutage(String jdbcUrl, Duration duration) throws SQLException {
        admin = DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
        killer.scheduleWithFixedDelay(this::terminateOthers, 0, 20, TimeUnit.MILLISECONDS);
        killer.schedule(killer::shutdown, duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts an outage of the database at {@code jdbcUrl} that lasts {@code duration}. */
    public static PostgresOutage start(String jdbcUrl, Duration duration) throws SQLException {
        return new PostgresOutage(jdbcUrl, duration);
    }

    private void terminateOthers() {
        try (var s = admin.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        killer.shutdownNow();
        admin.close();
    }
}
