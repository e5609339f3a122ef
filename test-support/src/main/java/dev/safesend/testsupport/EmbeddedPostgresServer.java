package dev.safesend.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A real PostgreSQL 17 server as a child process (zonky binaries): random port for tests, fixed port and data dir for the local run. */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "safesend";
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    /**
     * System property: extra server settings, {@code name=value} separated by {@code ;}, e.g.
     * {@code -Dsafesend.postgres.settings="shared_buffers=1GB;shared_preload_libraries=pg_stat_statements"} for a
     * benchmark that should run against a tuned server or read {@code pg_stat_statements}.
     */
    public static final String SETTINGS_PROPERTY = "safesend.postgres.settings";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Random port, throw-away data directory. */
    public static EmbeddedPostgresServer start() {
        return start(0, null);
    }

    /**
     * @param port    0 for a random free port
     * @param dataDir null for a throw-away directory; otherwise kept between runs
     */
    public static EmbeddedPostgresServer start(int port, Path dataDir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", dataDir == null ? "off" : "on");
            for (String setting : System.getProperty(SETTINGS_PROPERTY, "").split(";")) {
                if (!setting.isBlank()) {
                    int eq = setting.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException(SETTINGS_PROPERTY + ": expected name=value, got " + setting);
                    }
                    builder.setServerConfig(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
                }
            }
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start());
            server.createDatabaseIfMissing();
            return server;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE);
            s.execute("ALTER USER " + USER + " PASSWORD '" + PASSWORD + "'");
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
