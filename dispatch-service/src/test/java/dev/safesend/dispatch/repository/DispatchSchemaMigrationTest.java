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
 * V6 widens every recipient column to hold a BSUID and adds the contact aliases. A database that already holds
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
}
