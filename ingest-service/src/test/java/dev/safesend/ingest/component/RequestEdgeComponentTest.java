package dev.safesend.ingest.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.ingest.domain.WebhookSignature;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

import static dev.safesend.ingest.component.Ingest.APP_SECRET;
import static dev.safesend.ingest.component.Ingest.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * What a new client meets at ingest's door (issue #15): authentication before content negotiation and validation
 * (service-kit's AuthenticationFirst), and a body over the limit answered 413 problem+json on a connection the client
 * can read it from (service-kit's RequestBodyLimit), with a real HTTP client sending the whole body.
 */
@QuarkusTest
class RequestEdgeComponentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/webhooks/whatsapp")
    URI webhook;

    @Test
    void anAnonymousSendWithAWrongContentTypeIs401NotA415() {
        given().contentType(ContentType.XML).body("<message/>").when().post("/v1/messages")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://safesend.dev/problems/unauthorized"));
    }

    @Test
    void anAnonymousSendWithMalformedJsonIs401NotA400() {
        given().contentType(ContentType.JSON).body("{\"recipient\":").when().post("/v1/messages")
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"messages\":[{}]}").when().post("/v1/messages:batch")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aForgedTokenIs401BeforeTheContentTypeIsLookedAt() {
        given().auth().oauth2("not-a-jwt").contentType(ContentType.XML).body("<message/>").when().post("/v1/messages")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aSenderWithAWrongContentTypeIs415Problem() {
        given().auth().oauth2(token("sender")).contentType(ContentType.XML).body("<message/>").when().post("/v1/messages")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void theWebhookAndHealthNeedNoBearerToken() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "dev-verify-token")
                .queryParam("hub.challenge", "42").when().get("/webhooks/whatsapp").then().statusCode(200).body(equalTo("42"));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aSevenMegabyteSignedWebhookIsA413ProblemNotAReset() throws Exception {
        byte[] body = new byte[7 << 20];
        Arrays.fill(body, (byte) ' ');
        HttpResponse<String> response = client().send(HttpRequest.newBuilder(webhook)
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", WebhookSignature.sign(body, APP_SECRET))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertTooLarge(response, body.length);
    }

    @Test
    void theSameClientIsServedAgainAfterA413() throws Exception {
        HttpClient client = client();
        byte[] body = new byte[5 << 20];
        assertThat(client.send(HttpRequest.newBuilder(webhook).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
        HttpResponse<String> next = client.send(HttpRequest.newBuilder(URI.create(webhook + "?hub.mode=subscribe&hub.verify_token=dev-verify-token&hub.challenge=7"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo("7");
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static void assertTooLarge(HttpResponse<String> response, long length) throws Exception {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://safesend.dev/problems/payload-too-large");
        assertThat(problem.get("status").asInt()).isEqualTo(413);
        assertThat(problem.get("detail").asText()).contains(String.valueOf(length)).contains(String.valueOf(4 << 20));
        assertThat(problem.get("instance").asText()).isEqualTo("/webhooks/whatsapp");
    }
}
