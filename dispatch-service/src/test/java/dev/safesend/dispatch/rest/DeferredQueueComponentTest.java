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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
@QuarkusTestResource(FakeCloudApiResource.class)
class DeferredQueueComponentTest {

    /** Far enough ahead that the deferral poller leaves the rows alone while the test reads them. */
    private static final Instant LATER = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @Inject
    AgroalDataSource db;

    private static String token(String role) {
        return SafesendInfraResource.testKeys().token(role);
    }

    private static void register(String senderId) {
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body("""
                        {"senderId":"%s","wabaId":"100000000000001","displayNumber":"+15550000001","project":"school","pool":"main",
                         "portfolioId":"940000000000001","portfolioDailyUniqueLimit":2000}""".formatted(senderId))
                .when().post("/v1/senders").then().statusCode(201);
    }

    private void defer(String messageId, String senderId, Instant dueAt, String reason) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO deferred_message (message_id, sender_id, lane, recipient, category, due_at, reason, attempts, payload)
                VALUES (?, ?, 'bulk', '+263771234567', 'MARKETING', ?, ?, 1, ?)""")) {
            s.setString(1, messageId);
            s.setString(2, senderId);
            s.setTimestamp(3, Timestamp.from(dueAt));
            s.setString(4, reason);
            s.setBytes(5, new byte[]{1, 2, 3});
            s.executeUpdate();
        }
    }

    private static JsonPath page(String senderId, int limit, String cursor, String reason) {
        var request = given().auth().oauth2(token("viewer")).queryParam("limit", limit);
        if (cursor != null) {
            request = request.queryParam("cursor", cursor);
        }
        if (reason != null) {
            request = request.queryParam("reason", reason);
        }
        return request.when().get("/v1/senders/" + senderId + "/deferred").then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
    }

    @Test
    void aSendersDeferredMessagesArePagedDueFirstWithTheirCountsByReason() throws Exception {
        register("140000000000001");
        defer("d1-c", "140000000000001", LATER.plusSeconds(60), "QUIET_HOURS");
        defer("d1-a", "140000000000001", LATER, "QUIET_HOURS");
        defer("d1-b", "140000000000001", LATER, "PAIR_LIMIT");
        defer("d1-e", "140000000000001", LATER.plusSeconds(3600), "WARMUP");
        defer("d1-d", "140000000000001", LATER.plusSeconds(120), "QUIET_HOURS");
        defer("d1-other", "140000000000099", LATER, "QUIET_HOURS");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = page("140000000000001", 2, cursor, null);
            seen.addAll(page.getList("items.messageId", String.class));
            assertThat(page.getLong("total")).isEqualTo(5);
            assertThat(page.getMap("countsByReason", String.class, Integer.class))
                    .isEqualTo(Map.of("QUIET_HOURS", 3, "PAIR_LIMIT", 1, "WARMUP", 1));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("d1-a", "d1-b", "d1-c", "d1-d", "d1-e");
        given().auth().oauth2(token("operator")).queryParam("limit", 1).when().get("/v1/senders/140000000000001/deferred")
                .then().statusCode(200)
                .body("items[0].messageId", equalTo("d1-a")).body("items[0].lane", equalTo("bulk"))
                .body("items[0].recipient", equalTo("+263771234567")).body("items[0].category", equalTo("MARKETING"))
                .body("items[0].reason", equalTo("QUIET_HOURS")).body("items[0].attempts", equalTo(1))
                .body("items[0].dueAt", equalTo(LATER.toString()));
    }

    @Test
    void theReasonFilterNarrowsTheItemsButNotTheCounts() throws Exception {
        register("140000000000002");
        defer("d2-a", "140000000000002", LATER, "QUIET_HOURS");
        defer("d2-b", "140000000000002", LATER.plusSeconds(1), "BUDGET");
        defer("d2-c", "140000000000002", LATER.plusSeconds(2), "QUIET_HOURS");

        JsonPath first = page("140000000000002", 1, null, "QUIET_HOURS");
        assertThat(first.getList("items.messageId", String.class)).containsExactly("d2-a");
        assertThat(first.getLong("total")).isEqualTo(3);
        JsonPath second = page("140000000000002", 1, first.getString("nextCursor"), "QUIET_HOURS");
        assertThat(second.getList("items.messageId", String.class)).containsExactly("d2-c");
        assertThat(second.getString("nextCursor")).isNull();
        assertThat(page("140000000000002", 50, null, "RETRY_BACKOFF").getList("items")).isEmpty();
    }

    @Test
    void aSenderWithNothingDeferredHasAnEmptyLastPage() {
        register("140000000000003");
        given().auth().oauth2(token("admin")).when().get("/v1/senders/140000000000003/deferred").then().statusCode(200)
                .body("items", hasSize(0)).body("nextCursor", nullValue()).body("total", equalTo(0));
    }

    @Test
    void anUnknownSenderABadCursorOrALimitOutOfRangeIsAProblem() {
        given().auth().oauth2(token("viewer")).when().get("/v1/senders/149999999999999/deferred").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        register("140000000000004");
        given().auth().oauth2(token("viewer")).queryParam("cursor", "not-a-cursor").when().get("/v1/senders/140000000000004/deferred")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("cursor"));
        given().auth().oauth2(token("viewer")).queryParam("limit", 501).when().get("/v1/senders/140000000000004/deferred")
                .then().statusCode(400).body("errors.field", hasItem("limit"));
        given().when().get("/v1/senders/140000000000004/deferred").then().statusCode(401);
    }
}
