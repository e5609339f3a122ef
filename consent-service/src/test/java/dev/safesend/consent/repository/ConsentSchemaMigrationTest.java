package dev.safesend.consent.repository;

import dev.safesend.testsupport.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V5 reshapes the current states (a row per category → a row per project with a column triple per category) and the
 * ledger (a category → the categories of a change set). A database that already holds contacts must come through
 * with every state, source, evidence time and history entry it had, and with the contact's version on its rows.
 */
class ConsentSchemaMigrationTest {

    private static Flyway flyway(EmbeddedPostgresServer pg, String target) {
        return Flyway.configure()
                .dataSource(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD)
                .schemas("consent").locations("classpath:db/migration").target(target).load();
    }

    @Test
    void v5KeepsEveryStateSourceEvidenceTimeAndHistoryEntryOfAnExistingDatabase() throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start()) {
            flyway(pg, "4").migrate();
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("SET search_path = consent");
                s.execute("INSERT INTO contact (phone, project, version) VALUES ('+263771234567', 'school', 7), ('+263772222222', 'shop', 3)");
                s.execute("""
                        INSERT INTO consent_state (phone, project, category, state, source, evidence_at, changed_at) VALUES
                          ('+263771234567', 'school', 'MARKETING', 'OPTED_OUT', 'KEYWORD', '2026-01-02T10:00:00Z', '2026-01-02T10:00:01Z'),
                          ('+263771234567', 'school', 'UTILITY', 'OPTED_IN', 'WEB_FORM', '2026-01-01T09:00:00Z', '2026-01-01T09:00:01Z'),
                          ('+263771234567', 'shop', 'AUTHENTICATION', 'OPTED_IN', 'API', '2026-01-03T08:00:00Z', '2026-01-03T08:00:01Z'),
                          ('+263772222222', 'shop', 'MARKETING', 'OPTED_IN', 'IMPORT', '2026-01-04T07:00:00Z', '2026-01-04T07:00:01Z')""");
                s.execute("""
                        INSERT INTO consent_event (phone, project, category, state, source, evidence_at, proof, actor, version) VALUES
                          ('+263771234567', 'school', 'UTILITY', 'OPTED_IN', 'WEB_FORM', '2026-01-01T09:00:00Z', 'form 12', 'admin', 5),
                          ('+263771234567', 'school', 'MARKETING', 'OPTED_OUT', 'KEYWORD', '2026-01-02T10:00:00Z', 'wamid.1', 'keyword', 7)""");
            }

            flyway(pg, "latest").migrate();

            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("SET search_path = consent");
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("""
                        SELECT phone, project, marketing, marketing_source, marketing_evidence_at, utility, utility_source,
                               utility_evidence_at, authentication, authentication_source, authentication_evidence_at, version, changed_at
                        FROM consent_current ORDER BY phone, project""")) {
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= 13; i++) {
                            Object v = rs.getObject(i);
                            row.add(v instanceof java.time.temporal.TemporalAccessor || v instanceof java.sql.Timestamp
                                    ? rs.getTimestamp(i).toInstant().toString() : String.valueOf(v));
                        }
                        rows.add(String.join(" ", row));
                    }
                }
                assertThat(rows).containsExactly(
                        "+263771234567 school OPTED_OUT KEYWORD 2026-01-02T10:00:00Z OPTED_IN WEB_FORM 2026-01-01T09:00:00Z null null null 7 2026-01-02T10:00:01Z",
                        "+263771234567 shop null null null null null null OPTED_IN API 2026-01-03T08:00:00Z 7 2026-01-03T08:00:01Z",
                        "+263772222222 shop OPTED_IN IMPORT 2026-01-04T07:00:00Z null null null null null null 3 2026-01-04T07:00:01Z");
                List<String> history = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT categories::text, state, proof, version FROM consent_event ORDER BY id")) {
                    while (rs.next()) {
                        history.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getLong(4));
                    }
                }
                assertThat(history).containsExactly("{UTILITY} OPTED_IN form 12 5", "{MARKETING} OPTED_OUT wamid.1 7");
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'consent' AND table_name = 'consent_state'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("the old table is gone").isZero();
                }
            }
        }
    }

    @Test
    void v6KeepsExistingContactsAsTheirOwnKeysAndTakesBsuidWideIds() throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start()) {
            flyway(pg, "5").migrate();
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("SET search_path = consent");
                s.execute("INSERT INTO contact (phone, project, version, wa_id) VALUES ('+263771234567', 'school', 7, '263771234567')");
                s.execute("""
                        INSERT INTO consent_current (phone, project, marketing, marketing_source, marketing_evidence_at, version)
                        VALUES ('+263771234567', 'school', 'OPTED_OUT', 'KEYWORD', '2026-01-02T10:00:00Z', 7)""");
            }

            flyway(pg, "latest").migrate();

            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("SET search_path = consent");
                try (ResultSet rs = s.executeQuery("SELECT phone, e164, version FROM contact")) {
                    rs.next();
                    assertThat(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3)).isEqualTo("+263771234567 +263771234567 7");
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM contact_address")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("an address without a link is its own key: nothing to backfill").isZero();
                }
                String bsuid = "ZW." + "1".repeat(128);
                s.execute("INSERT INTO contact (phone, project, wa_id) VALUES ('" + bsuid + "', 'school', '" + bsuid + "')");
                s.execute("INSERT INTO consent_current (phone, project, marketing, marketing_source, marketing_evidence_at, version) "
                        + "VALUES ('" + bsuid + "', 'school', 'OPTED_IN', 'ADMIN', now(), 8)");
                s.execute("INSERT INTO contact_address (address, contact_key, kind) VALUES ('+263779999999', '" + bsuid + "', 'PHONE')");
                try (ResultSet rs = s.executeQuery("SELECT marketing FROM consent_current WHERE phone = '" + bsuid + "'")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("OPTED_IN");
                }
            }
        }
    }
}
