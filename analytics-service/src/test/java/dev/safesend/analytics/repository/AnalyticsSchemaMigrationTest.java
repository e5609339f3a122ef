package dev.safesend.analytics.repository;

import dev.safesend.testsupport.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** V2 widens a message's recipient to hold a BSUID; V3 dates each view by its first step; an existing database keeps its views. */
class AnalyticsSchemaMigrationTest {

    private static Flyway flyway(EmbeddedPostgresServer pg, String target) {
        return Flyway.configure().dataSource(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD)
                .schemas("analytics").locations("classpath:db/migration").target(target).load();
    }

    @Test
    void v2KeepsEveryMessageViewAndTakesABsuidRecipient() throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start()) {
            flyway(pg, "1").migrate();
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("SET search_path = analytics");
                s.execute("INSERT INTO message_view (message_id, status, status_rank, recipient, updated_at) VALUES ('m-1', 'SENT', 5, '+263771234567', now())");
                s.execute("INSERT INTO message_step (event_id, message_id, status, at, source) VALUES ('e-1', 'm-1', 'ACCEPTED', '2026-12-01T08:00:00Z', 'INGEST')");
            }
            flyway(pg, "latest").migrate();
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("SET search_path = analytics");
                s.execute("INSERT INTO message_view (message_id, status, status_rank, recipient, updated_at, first_at) VALUES ('m-2', 'SENT', 5, 'ZW."
                        + "5".repeat(128) + "', now(), now())");
                try (ResultSet rs = s.executeQuery("SELECT string_agg(left(recipient, 6), ',' ORDER BY message_id) FROM message_view")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("+26377,ZW.555");
                }
                try (ResultSet rs = s.executeQuery("SELECT first_at FROM message_view WHERE message_id = 'm-1'")) {
                    rs.next();
                    assertThat(rs.getTimestamp(1).toInstant()).as("V3 dates an existing view by its first step")
                            .isEqualTo(java.time.Instant.parse("2026-12-01T08:00:00Z"));
                }
            }
        }
    }
}
