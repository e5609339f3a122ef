package dev.safesend.consent.rest;

import dev.safesend.testsupport.SafesendInfraResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.safesend.consent.TestEvents.newPhone;
import static dev.safesend.consent.TestEvents.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** A token limited to projects changes and sees consent of its projects only (claim {@code projects}). */
@QuarkusTest
class ConsentTenancyComponentTest {

    private static String tokenFor(String role, String... projects) {
        return SafesendInfraResource.testKeys().token(role, List.of(projects));
    }

    private static void grant(String token, String phone, String project) {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"project\":\"" + project + "\",\"state\":\"OPTED_IN\",\"categories\":[\"MARKETING\"],"
                        + "\"evidence\":{\"source\":\"WEB_FORM\",\"proof\":\"form 7\"}}")
                .when().post("/v1/contacts/{p}/consent", phone).then().statusCode(200);
    }

    @Test
    void anOperatorOfOneProjectNeitherChangesNorSeesAnotherProjectsConsent() {
        String phone = newPhone();
        String school = tokenFor("operator", "school");
        String shop = tokenFor("operator", "shop");
        grant(school, phone, "school");

        given().auth().oauth2(shop).contentType(ContentType.JSON)
                .body("{\"project\":\"school\",\"state\":\"OPTED_OUT\",\"categories\":[\"MARKETING\"],"
                        + "\"evidence\":{\"source\":\"API\"}}")
                .when().post("/v1/contacts/{p}/consent", phone).then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("https://safesend.dev/problems/project-forbidden"));
        given().auth().oauth2(shop).when().get("/v1/contacts/{p}/consent", phone).then().statusCode(404);
        given().auth().oauth2(shop).when().get("/v1/contacts/{p}", phone).then().statusCode(404);
        given().auth().oauth2(shop).when().get("/v1/contacts/{p}/export", phone).then().statusCode(404);

        grant(shop, phone, "shop");
        given().auth().oauth2(shop).when().get("/v1/contacts/{p}/consent", phone).then().statusCode(200)
                .body("current", hasKey("shop")).body("current", not(hasKey("school")))
                .body("history.project", everyItem(equalTo("shop")));
        given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}/consent", phone).then().statusCode(200)
                .body("current", hasKey("shop")).body("current", hasKey("school"));
    }

    @Test
    void erasingAPersonNeedsATokenForEveryProject() {
        String phone = newPhone();
        grant(token("operator"), phone, "school");
        given().auth().oauth2(tokenFor("operator", "school")).when().delete("/v1/contacts/{p}", phone).then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}/consent", phone).then().statusCode(200);
    }

    @Test
    void importsAndSegmentsOfAnotherProjectAreForbiddenOrUnknown() {
        String id = given().urlEncodingEnabled(false).auth().oauth2(tokenFor("operator", "school")).contentType("text/csv")
                .body("phone,name\n" + newPhone() + ",Tariro\n").queryParam("project", "school")
                .when().post("/v1/contacts:import").then().statusCode(202).extract().path("id");
        given().auth().oauth2(tokenFor("viewer", "shop")).when().get("/v1/imports/{id}", id).then().statusCode(404);
        given().auth().oauth2(tokenFor("viewer", "school")).when().get("/v1/imports/{id}", id).then().statusCode(200);
        given().urlEncodingEnabled(false).auth().oauth2(tokenFor("operator", "shop")).contentType("text/csv")
                .body("phone,name\n" + newPhone() + ",Tariro\n").queryParam("project", "school")
                .when().post("/v1/contacts:import").then().statusCode(403);

        String segment = given().auth().oauth2(tokenFor("operator", "school")).contentType(ContentType.JSON)
                .body("{\"name\":\"parents\",\"project\":\"school\"}")
                .when().post("/v1/segments").then().statusCode(201).extract().path("id");
        given().auth().oauth2(tokenFor("viewer", "shop")).when().get("/v1/segments/{id}", segment).then().statusCode(404);
        given().auth().oauth2(tokenFor("viewer", "school")).when().get("/v1/segments/{id}", segment).then().statusCode(200);
    }
}
