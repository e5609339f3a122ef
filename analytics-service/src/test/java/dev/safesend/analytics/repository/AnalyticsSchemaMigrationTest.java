package dev.safesend.analytics.repository;

import dev.safesend.testsupport.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** V2 widens a message's recipient to hold a BSUID; an existing database keeps its views. */
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
            }
            flyway(pg, "latest").migrate();
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("SET search_path = analytics");
                s.execute("INSERT INTO message_view (message_id, status, status_rank, recipient, updated_at) VALUES ('m-2', 'SENT', 5, 'ZW."
                        + "5".repeat(128) + "', now())");
                try (ResultSet rs = s.executeQuery("SELECT string_agg(left(recipient, 6), ',' ORDER BY message_id) FROM message_view")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("+26377,ZW.555");
                }
            }
        }
    }
}
