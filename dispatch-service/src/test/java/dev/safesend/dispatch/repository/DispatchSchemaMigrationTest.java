package dev.safesend.dispatch.repository;

import dev.safesend.testsupport.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V6 widens every recipient column to hold a BSUID and adds the contact aliases; V8 keeps the health projection and
 * the registry's pauses. A database that already holds
 * consent projections, windows and ledger rows keeps them, their foreign key still cascades, and BSUID-wide rows fit.
 */
class DispatchSchemaMigrationTest {

    private static Flyway flyway(EmbeddedPostgresServer pg, String target) {
        return Flyway.configure()
                .dataSource(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD)
                .schemas("dispatch").locations("classpath:db/migration").target(target).load();
    }

    @Test
    void v6KeepsEveryProjectionAndTakesBsuidWideRecipients() throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start()) {
            flyway(pg, "5").migrate();
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("SET search_path = dispatch");
                s.execute("INSERT INTO consent_phone (phone, version) VALUES ('+263771234567', 7)");
                s.execute("INSERT INTO consent_projection VALUES ('+263771234567', 'school', 'OPTED_OUT', 'OPTED_IN', 'OPTED_IN')");
                s.execute("INSERT INTO customer_window VALUES ('110000000000001', '+263771234567', '2026-01-02T10:00:00Z')");
            }

            flyway(pg, "latest").migrate();

            String bsuid = "ZW." + "7".repeat(128);
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("SET search_path = dispatch");
                try (ResultSet rs = s.executeQuery("SELECT p.version, c.marketing FROM consent_phone p JOIN consent_projection c USING (phone)")) {
                    rs.next();
                    assertThat(rs.getLong(1) + " " + rs.getString(2)).isEqualTo("7 OPTED_OUT");
                }
                s.execute("INSERT INTO consent_phone (phone, version) VALUES ('" + bsuid + "', 8)");
                s.execute("INSERT INTO consent_projection VALUES ('" + bsuid + "', 'school', 'OPTED_OUT', 'OPTED_IN', 'OPTED_IN')");
                s.execute("INSERT INTO consent_alias (address, contact_key) VALUES ('+263779999999', '" + bsuid + "')");
                s.execute("INSERT INTO customer_window VALUES ('110000000000001', '" + bsuid + "', now())");
                s.execute("INSERT INTO consent_in_flight VALUES ('" + bsuid + "', 0, 1)");
                s.execute("DELETE FROM consent_phone WHERE phone = '+263771234567'");
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM consent_projection")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("the foreign key still cascades").isEqualTo(1);
                }
            }
        }
    }

    @Test
    void v8KeepsTheHealthProjectionAndCountsEarlierPausesAsAnOperators() throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start()) {
            flyway(pg, "7").migrate();
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("SET search_path = dispatch");
                s.execute("INSERT INTO portfolio (portfolio_id) VALUES ('p-1')");
                s.execute("""
                        INSERT INTO sender (sender_id, waba_id, display_number, project, pool, portfolio_id, state, pause_reason)
                        VALUES ('110000000000001', '1', '+15550000001', 'school', 'main', 'p-1', 'PAUSED', 'META_131048: spam'),
                               ('110000000000002', '1', '+15550000002', 'school', 'main', 'p-1', 'ACTIVE', NULL)""");
                s.execute("""
                        INSERT INTO sender_health (sender_id, state, throttle_factor, reasons, until, changed_at)
                        VALUES ('110000000000001', 'THROTTLED', 0.5, 'QUALITY_YELLOW', NULL, '2026-12-01T10:00:00Z')""");
            }

            flyway(pg, "latest").migrate();

            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("SET search_path = dispatch");
                try (ResultSet rs = s.executeQuery("SELECT sender_id, state, pause_source, paused_at IS NOT NULL FROM sender ORDER BY sender_id")) {
                    rs.next();
                    assertThat(rs.getString(2) + " " + rs.getString(3) + " " + rs.getBoolean(4))
                            .as("a pause from before cannot be told apart: only an operator lifts it").isEqualTo("PAUSED OPERATOR true");
                    rs.next();
                    assertThat(rs.getString(2) + " " + rs.getString(3) + " " + rs.getBoolean(4)).isEqualTo("ACTIVE null false");
                }
                try (ResultSet rs = s.executeQuery("SELECT state, reasons, held_templates::text, messaging_tier FROM sender_health")) {
                    rs.next();
                    assertThat(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4))
                            .isEqualTo("THROTTLED QUALITY_YELLOW [] null");
                }
            }
        }
    }
}
