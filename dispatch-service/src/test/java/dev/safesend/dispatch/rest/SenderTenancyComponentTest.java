package dev.safesend.dispatch.rest;

import dev.safesend.dispatch.client.FakeCloudApiResource;
import dev.safesend.testsupport.SafesendInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * A token limited to projects (claim {@code projects}) sees and acts on its projects' sending numbers only: the list
 * shows them alone, and reading, changing, pausing or asking the quota or the deferred queue of another project's
 * number is 403 problem+json, as is registering a number for a project outside the token.
 */
@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
@QuarkusTestResource(FakeCloudApiResource.class)
class SenderTenancyComponentTest {

    private static final String SCHOOL_NUMBER = "120000000000081";
    private static final String CLINIC_NUMBER = "120000000000082";

    private static String tokenFor(String role, String... projects) {
        return SafesendInfraResource.testKeys().token(role, List.of(projects));
    }

    private static String body(String id, String project) {
        return """
                {"senderId":"%s","wabaId":"100000000000001","displayNumber":"+15550000001","project":"%s","pool":"main",
                 "messagesPerSecond":80,"portfolioId":"900000000000081","quietHoursStart":"21:00","quietHoursEnd":"08:00"}"""
                .formatted(id, project);
    }

    @BeforeEach
    void twoProjectsEachWithANumber() {
        String admin = SafesendInfraResource.testKeys().token("admin");
        for (String[] n : new String[][] {{SCHOOL_NUMBER, "school"}, {CLINIC_NUMBER, "clinic"}}) {
            int status = given().auth().oauth2(admin).contentType(ContentType.JSON).body(body(n[0], n[1]))
                    .when().post("/v1/senders").then().extract().statusCode();
            if (status != 201 && status != 409) {
                throw new AssertionError("registering " + n[0] + " answered " + status);
            }
        }
    }

    @Test
    void aProjectsTokenListsAndReadsOnlyItsOwnNumbers() {
        String school = tokenFor("viewer", "school");
        given().auth().oauth2(school).when().get("/v1/senders?limit=500").then().statusCode(200)
                .body("items.senderId", hasItem(SCHOOL_NUMBER))
                .body("items.senderId", not(hasItem(CLINIC_NUMBER)))
                .body("items.project", everyItem(equalTo("school")));
        given().auth().oauth2(school).when().get("/v1/senders/" + SCHOOL_NUMBER).then().statusCode(200);
        for (String path : List.of("/v1/senders/" + CLINIC_NUMBER, "/v1/senders/" + CLINIC_NUMBER + "/quota",
                "/v1/senders/" + CLINIC_NUMBER + "/deferred")) {
            given().auth().oauth2(school).when().get(path).then().statusCode(403)
                    .contentType("application/problem+json").body("status", equalTo(403));
        }
        given().auth().oauth2(tokenFor("viewer", "school", "clinic")).when().get("/v1/senders?limit=500").then().statusCode(200)
                .body("items.senderId", hasItem(CLINIC_NUMBER));
    }

    @Test
    void anotherProjectsNumberCannotBePausedChangedOrRegistered() {
        given().auth().oauth2(tokenFor("operator", "school")).contentType(ContentType.JSON).body("{\"reason\":\"test\"}")
                .when().post("/v1/senders/" + CLINIC_NUMBER + ":pause").then().statusCode(403);
        given().auth().oauth2(tokenFor("viewer", "clinic")).when().get("/v1/senders/" + CLINIC_NUMBER).then().statusCode(200)
                .body("state", equalTo("ACTIVE"));

        String schoolAdmin = tokenFor("admin", "school");
        given().auth().oauth2(schoolAdmin).contentType(ContentType.JSON).body(body(CLINIC_NUMBER, "clinic"))
                .when().put("/v1/senders/" + CLINIC_NUMBER).then().statusCode(403);
        given().auth().oauth2(schoolAdmin).contentType(ContentType.JSON).body(body(CLINIC_NUMBER, "school"))
                .when().put("/v1/senders/" + CLINIC_NUMBER).then().statusCode(403); // taking it over is changing it
        given().auth().oauth2(schoolAdmin).contentType(ContentType.JSON).body(body("120000000000083", "clinic"))
                .when().post("/v1/senders").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(tokenFor("viewer", "clinic")).when().get("/v1/senders/120000000000083").then().statusCode(404);
        given().auth().oauth2(tokenFor("viewer", "clinic")).when().get("/v1/senders/" + CLINIC_NUMBER).then().statusCode(200)
                .body("project", equalTo("clinic"));
    }
}
