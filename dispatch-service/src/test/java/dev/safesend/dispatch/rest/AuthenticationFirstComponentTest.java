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

/**
 * Authentication comes before content negotiation and validation (issue #15, service-kit's AuthenticationFirst): an
 * anonymous client learns nothing about media types or body shapes, only that it needs a token.
 */
@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
@QuarkusTestResource(FakeCloudApiResource.class)
class AuthenticationFirstComponentTest {

    private static final String PATH = "/v1/recipients:marketing-history";

    private static String token(String role) {
        return SafesendInfraResource.testKeys().token(role);
    }

    @Test
    void noTokenAndAWrongContentTypeIs401NotA415() {
        given().contentType(ContentType.XML).body("<items/>").when().post(PATH)
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://safesend.dev/problems/unauthorized"))
                .body("status", equalTo(401));
    }

    @Test
    void noTokenAndMalformedJsonIs401NotA400() {
        given().contentType(ContentType.JSON).body("{\"items\":").when().post(PATH)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aTokenThatIsNotOneIs401BeforeTheContentTypeIsLookedAt() {
        given().auth().oauth2("not-a-jwt").contentType(ContentType.XML).body("<items/>").when().post(PATH)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aValidTokenAndAWrongContentTypeIs415Problem() {
        given().auth().oauth2(token("viewer")).contentType(ContentType.XML).body("<items/>").when().post(PATH)
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void healthStaysOpen() {
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
