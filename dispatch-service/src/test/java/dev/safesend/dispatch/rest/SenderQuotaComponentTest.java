package dev.safesend.dispatch.rest;

import dev.safesend.dispatch.client.FakeCloudApiResource;
import dev.safesend.testsupport.SafesendInfraResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
@QuarkusTestResource(FakeCloudApiResource.class)
class SenderQuotaComponentTest {

    @Inject
    AgroalDataSource db;

    private static String token(String role) {
        return SafesendInfraResource.testKeys().token(role);
    }

    private void sql(String statement, Object... args) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i] instanceof Instant t ? Timestamp.from(t) : args[i]);
            }
            s.executeUpdate();
        }
    }

    private void opened(String portfolioId, String recipient, String senderId, Instant at) throws Exception {
        sql("INSERT INTO recipient_budget (portfolio_id, recipient, sender_id, opened_at) VALUES (?, ?, ?, ?)",
                portfolioId, recipient, senderId, at);
    }

    @Test
    void theQuotaCountsThePortfolioBudgetOfTheLast24HoursAndTheWarmupOfToday() throws Exception {
        LocalDate warmupStart = LocalDate.now(ZoneOffset.UTC).minusDays(8); // week 2 of the ramp: 50 a day
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body("""
                        {"senderId":"150000000000001","wabaId":"100000000000001","displayNumber":"+15550000001","project":"school",
                         "pool":"main","messagesPerSecond":40,"portfolioId":"950000000000001","portfolioDailyUniqueLimit":250,
                         "warmupStart":"%s"}""".formatted(warmupStart))
                .when().post("/v1/senders").then().statusCode(201);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant oldestCounted = now.minus(3, ChronoUnit.HOURS);
        List<Instant> ours = List.of(now.minus(1, ChronoUnit.MINUTES), now.minus(2, ChronoUnit.MINUTES), now.minus(30, ChronoUnit.HOURS));
        opened("950000000000001", "+263771000001", "150000000000001", ours.get(0));
        opened("950000000000001", "+263771000002", "150000000000001", ours.get(1));
        opened("950000000000001", "+263771000003", "150000000000009", oldestCounted); // another number of the portfolio
        opened("950000000000001", "+263771000004", "150000000000001", ours.get(2)); // outside the 24 h window
        opened("950000000000002", "+263771000005", "150000000000001", now); // another portfolio's budget
        sql("""
                INSERT INTO sender_health (sender_id, state, throttle_factor, reasons, until, changed_at)
                VALUES ('150000000000001', 'THROTTLED', 0.5, 'quality YELLOW,block rate 2%', NULL, now())""");
        sql("""
                INSERT INTO deferred_message (message_id, sender_id, lane, recipient, category, due_at, reason, payload)
                VALUES ('q1-a', '150000000000001', 'bulk', '+263771000009', 'MARKETING', ?, 'BUDGET', '\\x00'),
                       ('q1-b', '150000000000001', 'bulk', '+263771000010', 'MARKETING', ?, 'WARMUP', '\\x00')""",
                now.plus(10, ChronoUnit.DAYS), now.plus(10, ChronoUnit.DAYS));
        Instant midnight = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        long today = Stream.concat(ours.stream(), Stream.of(now)).filter(t -> !t.isBefore(midnight)).count();

        JsonPath quota = given().auth().oauth2(token("viewer")).when().get("/v1/senders/150000000000001/quota")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("senderId", equalTo("150000000000001")).body("state", equalTo("ACTIVE"))
                .body("messagesPerSecond", equalTo(40)).body("portfolioId", equalTo("950000000000001"))
                .body("portfolioDailyUniqueLimit", equalTo(250))
                .body("budget.usedLast24h", equalTo(3)).body("budget.limit", equalTo(250)).body("budget.left", equalTo(247))
                .body("warmup.allowanceToday", equalTo(50)).body("warmup.newRecipientsToday", equalTo((int) today))
                .body("warmup.leftToday", equalTo(50 - (int) today))
                .body("budget.window", equalTo("PT24H")).body("deferred", equalTo(2))
                .body("health.state", equalTo("THROTTLED")).body("health.throttleFactor", equalTo(0.5f))
                .body("health.reasons", equalTo(List.of("quality YELLOW", "block rate 2%")))
                .extract().jsonPath();
        assertThat(Instant.parse(quota.getString("budget.freesAt"))).isEqualTo(oldestCounted.plus(24, ChronoUnit.HOURS));
        assertThat(Instant.parse(quota.getString("warmup.resetsAt"))).isEqualTo(midnight.plus(1, ChronoUnit.DAYS));
        assertThat(quota.getMap("$")).containsEntry("live", null); // no message of this number paced here
    }

    @Test
    void anUnlimitedPortfolioAndANumberWithoutRampShowNoLimitAndNoUsage() {
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body("""
                        {"senderId":"150000000000002","wabaId":"100000000000001","displayNumber":"+15550000001","project":"school",
                         "pool":"main","portfolioId":"950000000000003"}""")
                .when().post("/v1/senders").then().statusCode(201);
        JsonPath quota = given().auth().oauth2(token("operator")).when().get("/v1/senders/150000000000002/quota")
                .then().statusCode(200).body("messagesPerSecond", equalTo(80))
                .body("budget.usedLast24h", equalTo(0)).body("warmup.newRecipientsToday", equalTo(0)).body("deferred", equalTo(0))
                .extract().jsonPath();
        assertThat(quota.getMap("budget")).containsEntry("limit", null).containsEntry("left", null).containsEntry("freesAt", null);
        assertThat(quota.getMap("warmup")).containsEntry("allowanceToday", null).containsEntry("leftToday", null);
        assertThat(quota.getMap("$")).containsEntry("health", null).containsEntry("live", null);
    }

    @Test
    void thePauseOfANumberShowsInItsQuota() {
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body("""
                        {"senderId":"150000000000003","wabaId":"100000000000001","displayNumber":"+15550000001","project":"school",
                         "pool":"main","portfolioId":"950000000000004"}""")
                .when().post("/v1/senders").then().statusCode(201);
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("{\"reason\":\"quality RED\"}")
                .when().post("/v1/senders/150000000000003:pause").then().statusCode(200);
        given().auth().oauth2(token("viewer")).when().get("/v1/senders/150000000000003/quota").then().statusCode(200)
                .body("state", equalTo("PAUSED")).body("pauseReason", equalTo("quality RED"));
    }

    @Test
    void theQuotaOfAnUnknownNumberIsA404ProblemAndNeedsAToken() {
        given().auth().oauth2(token("viewer")).when().get("/v1/senders/159999999999999/quota").then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("sender not found"));
        given().when().get("/v1/senders/159999999999999/quota").then().statusCode(401);
    }
}
