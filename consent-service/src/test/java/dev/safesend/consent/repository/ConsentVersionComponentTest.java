package dev.safesend.consent.repository;

import dev.safesend.testsupport.SafesendInfraResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumers of wa.consent-changes.v1 keep a phone's highest version, so versions must grow in the order the
 * changes are made, whichever database connection makes them (a cached sequence broke this: a STOP made on
 * one connection got a lower version than the grant before it on another, and dispatch dropped the STOP).
 */
@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = {@ResourceArg(name = "redis", value = "false"),
        @ResourceArg(name = "kafka", value = "false")})
class ConsentVersionComponentTest {

    @Inject
    AgroalDataSource dataSource;

    private static long next(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT nextval('consent_version')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void versionsGrowInTheOrderChangesAreMadeAcrossConnections() throws Exception {
        List<Long> versions = new ArrayList<>();
        try (Connection a = dataSource.getConnection(); Connection b = dataSource.getConnection()) {
            for (int i = 0; i < 5; i++) {
                versions.add(next(a));
                versions.add(next(b));
            }
        }
        assertThat(versions).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
    }
}
