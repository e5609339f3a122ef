package dev.safesend.ingest.component;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.safesend.ingest.component.Ingest.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Campaigns belong to their project: a token limited to other projects neither reads, lists, changes nor creates them. */
@QuarkusTest
@TestProfile(CampaignReleaseComponentTest.Profile.class)
class CampaignTenancyComponentTest {

    @BeforeEach
    void registrySynced() {
        Ingest.templatesSynced();
    }

    private static String body(String project) {
        return """
                {"name":"tenancy","project":"%s","category":"UTILITY","template":{"name":"order_update","language":"en_US"},
                 "parameters":{"1":{"value":"Tariro"},"2":{"value":"A-1"}},"audience":{"segmentId":"%s"}}"""
                .formatted(project, FakeConsentResource.SEGMENT);
    }

    @Test
    void aViewerOfOneProjectCannotReadAnotherProjectsCampaign() {
        String a = "ca-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "cb-" + UUID.randomUUID().toString().substring(0, 8);
        String ofB = given().auth().oauth2(token("operator", b)).contentType(ContentType.JSON).body(body(b))
                .when().post("/v1/campaigns").then().log().ifValidationFails().statusCode(201).extract().path("id");

        given().auth().oauth2(token("viewer", a)).when().get("/v1/campaigns/" + ofB).then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
        given().auth().oauth2(token("viewer", a)).when().post("/v1/campaigns/" + ofB + ":forecast").then().statusCode(403);
        given().auth().oauth2(token("viewer", a)).when().get("/v1/campaigns/" + ofB + "/progress").then().statusCode(403);
        given().auth().oauth2(token("operator", a)).when().post("/v1/campaigns/" + ofB + ":cancel").then().statusCode(403);
        given().auth().oauth2(token("operator", a)).contentType(ContentType.JSON).body(body(a))
                .when().put("/v1/campaigns/" + ofB).then().statusCode(403);
        given().auth().oauth2(token("viewer", a)).when().get("/v1/campaigns?project=" + b).then().statusCode(403);
        given().auth().oauth2(token("viewer", a)).when().get("/v1/campaigns?limit=500").then().statusCode(200)
                .body("items.id", not(hasItem(ofB)));
        given().auth().oauth2(token("operator", a)).contentType(ContentType.JSON).body(body(b))
                .when().post("/v1/campaigns").then().statusCode(403);

        given().auth().oauth2(token("viewer", b)).when().get("/v1/campaigns/" + ofB).then().statusCode(200)
                .body("project", equalTo(b));
        given().auth().oauth2(token("viewer", b)).when().get("/v1/campaigns?limit=500").then().statusCode(200)
                .body("items.project", everyItem(equalTo(b))).body("items.id", hasItem(ofB));
        given().auth().oauth2(token("viewer", a, b)).when().get("/v1/campaigns").then().statusCode(400)
                .body("errors.field", hasItem("project"));
    }
}
