package dev.safesend.ingest.repository;

import dev.safesend.testsupport.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V3 widens the recipient and window columns to hold a BSUID and adds the store of unidentified webhook updates. An
 * existing database keeps its accepted messages and windows, and Meta's retry of an unidentified update is one row.
 */
class IngestSchemaMigrationTest {

    @Test
    void v3KeepsAcceptedMessagesAndWindowsAndTakesBsuidWideRecipients() throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start()) {
            Flyway.configure().dataSource(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD)
                    .schemas("ingest").locations("classpath:db/migration").target("2").load().migrate();
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("SET search_path = ingest");
                s.execute("""
                        INSERT INTO accepted_message (message_id, project, recipient, sender_id, category, lane, accepted_at, expires_at)
                        VALUES ('m-1', 'school', '+263771234567', '110000000000001', 'UTILITY', 'urgent', now(), now() + interval '1 day')""");
                s.execute("INSERT INTO customer_window VALUES ('110000000000001', '263771234567', now())");
            }

            Flyway.configure().dataSource(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD)
                    .schemas("ingest").locations("classpath:db/migration").load().migrate();

            String bsuid = "ZW." + "3".repeat(128);
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("SET search_path = ingest");
                try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM accepted_message) + (SELECT count(*) FROM customer_window)")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("the accepted message and the window are kept").isEqualTo(2);
                }
                s.execute("""
                        INSERT INTO accepted_message (message_id, project, recipient, sender_id, category, lane, accepted_at, expires_at)
                        VALUES ('m-2', 'school', '%s', '110000000000001', 'UTILITY', 'urgent', now(), now() + interval '1 day')""".formatted(bsuid));
                s.execute("INSERT INTO customer_window VALUES ('110000000000001', '" + bsuid + "', now())");
                for (int i = 0; i < 2; i++) {
                    s.execute("""
                            INSERT INTO webhook_unidentified (dedupe_key, field, kind, reason, payload) VALUES
                              ('inbound:wamid.X', 'messages', 'inbound', 'no valid phone and no BSUID', '{}')
                            ON CONFLICT (dedupe_key) DO NOTHING""");
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM webhook_unidentified")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(1);
                }
            }
        }
    }
}
