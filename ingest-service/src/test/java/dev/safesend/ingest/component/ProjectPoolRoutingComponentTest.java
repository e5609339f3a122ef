package dev.safesend.ingest.component;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.safesend.ingest.component.Ingest.send;
import static dev.safesend.ingest.component.Ingest.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * A registered project's {@code defaultPool} is the pool its messages are routed through, ahead of the configured
 * routing (application.properties: default pool 110000000000001); an unregistered project keeps the configured pool,
 * and a change of the project's pool is used from the next message on.
 */
@QuarkusTest
class ProjectPoolRoutingComponentTest {

    private static final String CONFIGURED_DEFAULT = "110000000000001";

    @BeforeEach
    void registrySynced() {
        Ingest.templatesSynced();
    }

    private static String fresh() {
        return "pool-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String message(String project) {
        return "{\"recipient\":\"+263771234567\",\"project\":\"" + project + "\",\"category\":\"UTILITY\","
                + "\"template\":{\"name\":\"order_update\",\"language\":\"en_US\",\"bodyParameters\":[\"Tariro\",\"A-1\"]}}";
    }

    private static String project(String id, String pool) {
        return "{\"id\":\"" + id + "\",\"displayName\":\"Pool\",\"owners\":[\"team-pool\"],\"defaultPool\":" + pool + "}";
    }

    @Test
    void aRegisteredProjectsMessagesGoThroughItsOwnPool() {
        String id = fresh();
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body(project(id, "[\"120000000000007\"]"))
                .when().post("/v1/projects").then().statusCode(201);

        send(message(id)).statusCode(202).body("senderId", equalTo("120000000000007"));
    }

    @Test
    void aChangedPoolIsUsedFromTheNextMessageAndAnEmptyOneFallsBackToTheConfiguredPool() {
        String id = fresh();
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body(project(id, "[\"120000000000007\"]"))
                .when().post("/v1/projects").then().statusCode(201);
        send(message(id)).statusCode(202).body("senderId", equalTo("120000000000007"));

        given().auth().oauth2(token("admin")).contentType(ContentType.JSON)
                .body("{\"displayName\":\"Pool\",\"owners\":[\"team-pool\"],\"defaultPool\":[\"120000000000008\"]}")
                .when().put("/v1/projects/" + id).then().statusCode(200);
        send(message(id)).statusCode(202).body("senderId", equalTo("120000000000008"));

        given().auth().oauth2(token("admin")).contentType(ContentType.JSON)
                .body("{\"displayName\":\"Pool\",\"owners\":[\"team-pool\"],\"defaultPool\":[]}")
                .when().put("/v1/projects/" + id).then().statusCode(200);
        send(message(id)).statusCode(202).body("senderId", equalTo(CONFIGURED_DEFAULT));
    }

    @Test
    void anUnregisteredProjectKeepsTheConfiguredPool() {
        send(message(fresh())).statusCode(202).body("senderId", equalTo(CONFIGURED_DEFAULT));
    }
}
