package dev.safesend.ingest.component;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.UUID;

import static dev.safesend.ingest.component.Ingest.register;
import static dev.safesend.ingest.component.Ingest.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Projects are tenants: the registry's API (admins write; readers see only their projects), and a token limited to
 * projects is refused (403 problem+json) for any other project on the send API, single and batch.
 */
@QuarkusTest
class ProjectTenancyComponentTest {

    private static final String VALID = "{\"id\":\"%s\",\"displayName\":\"Shop\",\"owners\":[\"team-shop\"],"
            + "\"quotas\":{\"messagesPerDay\":1000,\"messagesPerMonth\":20000},\"defaultPool\":[\"110000000000001\"]}";

    @BeforeEach
    void registrySynced() {
        Ingest.templatesSynced();
    }

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ValidatableResponse post(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/v1/projects").then();
    }

    private static String message(String project) {
        return "{\"recipient\":\"+263771234567\",\"project\":\"" + project + "\",\"category\":\"UTILITY\","
                + "\"template\":{\"name\":\"order_update\",\"language\":\"en_US\",\"bodyParameters\":[\"Tariro\",\"A-1\"]}}";
    }

    @Test
    void anAdminRegistersReadsAndChangesAProject() {
        String id = fresh("shop");
        post(token("admin"), VALID.formatted(id)).statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/v1/projects/" + id))
                .body("id", equalTo(id)).body("quotas.messagesPerDay", equalTo(1000)).body("owners", contains("team-shop"));
        given().auth().oauth2(token("viewer")).when().get("/v1/projects/" + id).then().statusCode(200)
                .body("displayName", equalTo("Shop")).body("defaultPool", contains("110000000000001"));

        given().auth().oauth2(token("admin")).contentType(ContentType.JSON)
                .body("{\"displayName\":\"Shop (EU)\",\"owners\":[\"team-shop\",\"ops\"],\"quotas\":{\"messagesPerDay\":10}}")
                .when().put("/v1/projects/" + id).then().statusCode(200)
                .body("displayName", equalTo("Shop (EU)")).body("quotas.messagesPerDay", equalTo(10))
                .body("quotas.messagesPerMonth", nullValue()).body("defaultPool", org.hamcrest.Matchers.empty());
        given().auth().oauth2(token("operator")).when().get("/v1/projects").then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void registeringAnIdTwiceIsAConflictAndNothingChanges() {
        String id = fresh("dup");
        post(token("admin"), VALID.formatted(id)).statusCode(201);
        post(token("admin"), VALID.formatted(id).replace("Shop", "Other")).statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(token("viewer")).when().get("/v1/projects/" + id).then().body("displayName", equalTo("Shop"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"id\":\"Shop_1\",\"displayName\":\"S\",\"owners\":[\"a\"]}|id|invalid_project_id",
            "{\"id\":\"x\",\"displayName\":\"S\",\"owners\":[\"a\"]}|id|invalid_project_id",
            "{\"displayName\":\"S\",\"owners\":[\"a\"]}|id|required",
            "{\"id\":\"ok-id-1\",\"owners\":[\"a\"]}|displayName|required",
            "{\"id\":\"ok-id-2\",\"displayName\":\"S\"}|owners|required",
            "{\"id\":\"ok-id-3\",\"displayName\":\"S\",\"owners\":[\"a,b\"]}|owners[0]|invalid_owner",
            "{\"id\":\"ok-id-4\",\"displayName\":\"S\",\"owners\":[\"a\"],\"quotas\":{\"messagesPerDay\":0}}|quotas.messagesPerDay|out_of_range",
            "{\"id\":\"ok-id-5\",\"displayName\":\"S\",\"owners\":[\"a\"],\"quotas\":{\"messagesPerDay\":10,\"messagesPerMonth\":5}}|quotas.messagesPerMonth|below_daily_quota",
            "{\"id\":\"ok-id-6\",\"displayName\":\"S\",\"owners\":[\"a\"],\"defaultPool\":[\"not-a-number\"]}|defaultPool[0]|invalid_sender_id"})
    void aProjectThatCannotBeUsedIsA422NamingTheFieldAndIsNotStored(String body, String field, String code) {
        post(token("admin"), body).statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem(field)).body("errors.code", hasItem(code));
        String id = body.contains("\"id\":\"") ? body.split("\"id\":\"")[1].split("\"")[0] : "missing";
        given().auth().oauth2(token("admin")).when().get("/v1/projects/" + id).then().statusCode(404);
    }

    @Test
    void onlyAdminsWriteAndATokenWithoutProjectsIsRefusedBeforeItsBodyIsRead() {
        post(token("operator"), VALID.formatted(fresh("op"))).statusCode(403);
        given().contentType(ContentType.JSON).body("{not json").when().post("/v1/projects").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"project\":\"Not A Slug\"}").when().post("/v1/messages").then().statusCode(401);
        given().auth().oauth2(token("viewer")).when().get("/v1/projects/no-such-project").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aReaderSeesOnlyItsProjects() {
        String a = fresh("ta");
        String b = fresh("tb");
        register(a, null, null);
        register(b, null, null);

        given().auth().oauth2(token("viewer", a)).when().get("/v1/projects?limit=500").then().statusCode(200)
                .body("items.id", contains(a));
        given().auth().oauth2(token("viewer", a)).when().get("/v1/projects/" + b).then().statusCode(403)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString(b));
        given().auth().oauth2(token("viewer", a)).when().get("/v1/projects/" + b + "/usage").then().statusCode(403);
        given().auth().oauth2(token("admin", a)).contentType(ContentType.JSON).body(VALID.formatted(fresh("tc")))
                .when().post("/v1/projects").then().statusCode(403);
    }

    @Test
    void aSenderOfOneProjectCannotSendAsAnother() {
        String a = fresh("sa");
        String b = fresh("sb");
        given().auth().oauth2(token("sender", a)).contentType(ContentType.JSON).body(message(b))
                .when().post("/v1/messages").then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403)).body("detail", org.hamcrest.Matchers.containsString(b));
        // a bad body naming another project is still a 403: the project is checked before the rest
        given().auth().oauth2(token("sender", a)).contentType(ContentType.JSON)
                .body("{\"project\":\"" + b + "\",\"category\":\"SPAM\"}").when().post("/v1/messages").then().statusCode(403);
        given().auth().oauth2(token("sender", a)).contentType(ContentType.JSON)
                .body("{\"messages\":[" + message(a) + "," + message(b) + "]}").when().post("/v1/messages:batch").then().statusCode(403);

        given().auth().oauth2(token("sender", a)).contentType(ContentType.JSON).body(message(a))
                .when().post("/v1/messages").then().statusCode(202);
        given().auth().oauth2(token("sender", a, b)).contentType(ContentType.JSON)
                .body("{\"messages\":[" + message(a) + "," + message(b) + "]}").when().post("/v1/messages:batch").then().statusCode(202)
                .body("items.status", everyItem(equalTo("ACCEPTED")));
    }
}
