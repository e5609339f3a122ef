package dev.safesend.dispatch;

import dev.safesend.testsupport.SafesendInfraResource;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import static io.restassured.RestAssured.given;

/** Puts a running dispatch into a known state for a component test: a registered sender, a recipient's consent. */
public final class GateFixtures {

    private GateFixtures() {
    }

    /** Registers a number (201) or leaves the existing registration (409) as it is. */
    public static void registerSender(String senderId, int mps, String warmupStart) {
        String body = """
                {"senderId":"%s","wabaId":"100000000000001","displayNumber":"+15550000001","project":"school","pool":"main",
                 "messagesPerSecond":%d,"portfolioId":"portfolio-%s","portfolioDailyUniqueLimit":null,
                 "warmupStart":%s,"quietHoursStart":"21:00","quietHoursEnd":"08:00"}"""
                .formatted(senderId, mps, senderId, warmupStart == null ? "null" : "\"" + warmupStart + "\"");
        int status = given().auth().oauth2(SafesendInfraResource.testKeys().token("admin")).contentType(ContentType.JSON).body(body)
                .when().post("/v1/senders").then().extract().statusCode();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("sender registration answered " + status);
        }
    }

    /** Sets dispatch's consent projection for a phone and project directly (the consumer of the topic is tested on its own). */
    public static void consent(AgroalDataSource ds, String phone, String project, String state) {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO consent_phone (phone, version, erased) VALUES (?, 1, false)
                    ON CONFLICT (phone) DO UPDATE SET version = consent_phone.version + 1""")) {
                s.setString(1, phone);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO consent_projection (phone, project, marketing, utility, authentication) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (phone, project) DO UPDATE SET marketing = EXCLUDED.marketing, utility = EXCLUDED.utility,
                      authentication = EXCLUDED.authentication""")) {
                s.setString(1, phone);
                s.setString(2, project);
                s.setString(3, state);
                s.setString(4, state);
                s.setString(5, state);
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
