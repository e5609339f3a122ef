package dev.safesend.consent.rest;

import dev.safesend.testsupport.SafesendInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static dev.safesend.consent.TestEvents.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Authentication comes before content negotiation and validation (issue #15, service-kit's AuthenticationFirst), and a
 * body over the limit of its path is a 413 problem (service-kit's RequestBodyLimit).
 */
@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class AuthenticationFirstComponentTest {

    private static final String IMPORT = "/v1/contacts:import";

    @Test
    void anAnonymousImportWithAWrongContentTypeIs401NotA415() {
        given().urlEncodingEnabled(false).contentType(ContentType.XML).body("<contacts/>").when().post(IMPORT)
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://safesend.dev/problems/unauthorized"))
                .body("instance", equalTo(IMPORT));
    }

    @Test
    void anAnonymousConsentChangeWithMalformedJsonIs401NotA400() {
        given().contentType(ContentType.JSON).body("{\"state\":").when().post("/v1/contacts/{p}/consent", "+263771234567")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aForgedTokenIs401BeforeTheContentTypeIsLookedAt() {
        given().urlEncodingEnabled(false).auth().oauth2("not-a-jwt").contentType(ContentType.XML).body("<contacts/>")
                .when().post(IMPORT).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anOperatorWithAWrongContentTypeIs415Problem() {
        given().urlEncodingEnabled(false).auth().oauth2(token("operator")).contentType(ContentType.XML).body("<contacts/>")
                .when().post(IMPORT).then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void aJsonBodyOverTheServiceLimitIs413ButAnImportMayBeLarger() {
        byte[] five = new byte[5 << 20];
        java.util.Arrays.fill(five, (byte) ' ');
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(five)
                .when().post("/v1/contacts/{p}/consent", "+263771234567")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://safesend.dev/problems/payload-too-large"))
                .body("detail", containsString(String.valueOf(5 << 20)));
        // the import path has its own limit (2G): the same size reaches the resource, whose answer is about the file
        byte[] csv = five.clone();
        System.arraycopy("nonsense\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, csv, 0, 9);
        given().urlEncodingEnabled(false).auth().oauth2(token("operator")).contentType("text/csv").body(csv)
                .when().post(IMPORT).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].code", equalTo("malformed_header"));
    }
}
