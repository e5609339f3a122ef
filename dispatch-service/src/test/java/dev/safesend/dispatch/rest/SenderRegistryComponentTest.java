package dev.safesend.dispatch.rest;

import dev.safesend.dispatch.client.FakeCloudApiResource;
import dev.safesend.testsupport.SafesendInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
@QuarkusTestResource(FakeCloudApiResource.class)
class SenderRegistryComponentTest {

    private static String token(String role) {
        return SafesendInfraResource.testKeys().token(role);
    }

    private static String body(String id, int mps) {
        return """
                {"senderId":"%s","wabaId":"100000000000001","displayNumber":"+15550000001","project":"school","pool":"main",
                 "messagesPerSecond":%d,"portfolioId":"900000000000001","portfolioDailyUniqueLimit":2000,
                 "warmupStart":"2026-11-01","quietHoursStart":"21:00","quietHoursEnd":"08:00"}""".formatted(id, mps);
    }

    @Test
    void anAdminRegistersANumberAndEveryoneWithARoleCanReadIt() {
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body(body("120000000000001", 1000))
                .when().post("/v1/senders").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/v1/senders/120000000000001"))
                .body("state", equalTo("ACTIVE")).body("messagesPerSecond", equalTo(1000))
                .body("warmupDailyByWeek", hasSize(6));
        given().auth().oauth2(token("viewer")).when().get("/v1/senders/120000000000001").then().statusCode(200)
                .body("portfolioDailyUniqueLimit", equalTo(2000)).body("quietHoursStart", equalTo("21:00"));
    }

    @Test
    void aRegistrationBreakingTheRulesIsRefusedFieldByField() {
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON)
                .body("""
                        {"senderId":"abc","wabaId":"100000000000001","displayNumber":"+15550000001","project":"school",
                         "messagesPerSecond":5000,"portfolioId":"p","portfolioDailyUniqueLimit":300,"quietHoursStart":"9pm"}""")
                .when().post("/v1/senders").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("quietHoursStart"));
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON)
                .body("""
                        {"senderId":"abc","wabaId":"100000000000001","displayNumber":"+15550000001","project":"school",
                         "messagesPerSecond":5000,"portfolioId":"p","portfolioDailyUniqueLimit":300}""")
                .when().post("/v1/senders").then().statusCode(400)
                .body("errors.code", hasItem("invalid_phone_number_id"))
                .body("errors.code", hasItem("out_of_range"))
                .body("errors.code", hasItem("unknown_tier"));
    }

    @Test
    void anOperatorPausesAndResumesANumberButCannotRegisterOne() {
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body(body("120000000000002", 80))
                .when().post("/v1/senders").then().statusCode(201);
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("{\"reason\":\"quality dropped to RED\"}")
                .when().post("/v1/senders/120000000000002:pause").then().statusCode(200)
                .body("state", equalTo("PAUSED")).body("pauseReason", equalTo("quality dropped to RED"));
        given().auth().oauth2(token("operator")).when().post("/v1/senders/120000000000002:resume").then().statusCode(200)
                .body("state", equalTo("ACTIVE")).body("pauseReason", nullValue());
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(body("120000000000003", 80))
                .when().post("/v1/senders").then().statusCode(403);
        given().auth().oauth2(token("viewer")).when().post("/v1/senders/120000000000002:pause").then().statusCode(403);
    }

    @Test
    void anUpdateKeepsThePauseState() {
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body(body("120000000000004", 80))
                .when().post("/v1/senders").then().statusCode(201);
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body("{}")
                .when().post("/v1/senders/120000000000004:pause").then().statusCode(200);
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body(body("ignored", 200))
                .when().put("/v1/senders/120000000000004").then().statusCode(200)
                .body("messagesPerSecond", equalTo(200)).body("state", equalTo("PAUSED"));
    }

    @Test
    void anUnknownNumberIsA404Problem() {
        given().auth().oauth2(token("viewer")).when().get("/v1/senders/199999999999999").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(token("operator")).when().post("/v1/senders/199999999999999:resume").then().statusCode(404);
    }

    @Test
    void theRegistryIsPagedWithACursor() {
        for (int i = 10; i < 13; i++) {
            given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body(body("1300000000000" + i, 80))
                    .when().post("/v1/senders").then().statusCode(201);
        }
        String cursor = given().auth().oauth2(token("viewer")).queryParam("limit", 2).queryParam("cursor", "130000000000000")
                .when().get("/v1/senders").then().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        given().auth().oauth2(token("viewer")).queryParam("limit", 2).queryParam("cursor", cursor)
                .when().get("/v1/senders").then().statusCode(200)
                .body("items[0].senderId", equalTo("130000000000012"));
        given().auth().oauth2(token("viewer")).queryParam("limit", 0).when().get("/v1/senders").then().statusCode(400);
    }
}
