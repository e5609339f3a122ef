package dev.safesend.simulator.component;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.safesend.simulator.component.MetaRequests.freshRecipient;
import static dev.safesend.simulator.component.MetaRequests.orderUpdate;
import static dev.safesend.simulator.component.MetaRequests.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@WithTestResource(WebhookReceiverResource.class)
class FaultsComponentTest {

    @InjectWebhookReceiver
    WebhookReceiver receiver;

    @BeforeEach
    void resetSimulator() {
        MetaRequests.resetSimulator();
        receiver.clear();
    }

    @AfterEach
    void clearFaults() {
        given().delete("/sim/faults").then().statusCode(204);
    }

    @Test
    void recipientWithSynchronousFaultGetsThatCode() {
        String to = freshRecipient();
        putFaults("{\"errorCodeByRecipient\":{\"" + to + "\":{\"code\":131026,\"mode\":\"sync\"}}}");

        send(orderUpdate(to, null)).then()
                .statusCode(400)
                .body("error.code", equalTo(131026))
                .body("error.message", equalTo("(#131026) Message undeliverable"));
        send(orderUpdate(freshRecipient(), null)).then().statusCode(200);
    }

    @Test
    void recipientWithAsynchronousFaultIsAcceptedThenFailsByWebhook() {
        String to = freshRecipient();
        putFaults("{\"errorCodeByRecipient\":{\"" + to + "\":{\"code\":131050,\"mode\":\"async\"}}}");

        String wamid = send(orderUpdate(to, "opted-out")).then().statusCode(200).extract().path("messages[0].id");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.statusesOf(wamid))
                .singleElement().satisfies(status -> {
                    assertThat(status.path("status").asText()).isEqualTo("failed");
                    assertThat(status.path("errors").get(0).path("code").asInt()).isEqualTo(131050);
                    assertThat(status.path("biz_opaque_callback_data").asText()).isEqualTo("opted-out");
                }));
    }

    @Test
    void timeoutHoldsTheCallThenAnswers504WithoutAcceptingTheMessage() {
        putFaults("{\"timeoutRate\":1.0,\"timeoutMs\":300}");
        long started = System.nanoTime();

        send(orderUpdate(freshRecipient(), "timed-out")).then().statusCode(504).body("error.code", equalTo(131000));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        given().get("/sim/ledger").then().body("total", equalTo(0)).body("byPhoneNumberId", anEmptyMap());
    }

    @Test
    void addedLatencyDelaysTheAnswer() {
        putFaults("{\"addedLatencyMs\":250}");
        long started = System.nanoTime();

        send(orderUpdate(freshRecipient(), null)).then().statusCode(200);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void serverErrorRateOfOneAnswersEveryCallWithAServerError() {
        putFaults("{\"serverErrorRate\":1.0}");

        for (int i = 0; i < 5; i++) {
            send(orderUpdate(freshRecipient(), null)).then()
                    .statusCode(anyOf(is(500), is(503)))
                    .body("error.code", anyOf(is(131000), is(131016)));
        }
        given().get("/sim/ledger").then().body("total", equalTo(0));
    }

    @Test
    void faultPlanIsShownAndClearedWithDefaultsForOmittedFields() {
        putFaults("{\"serverErrorRate\":0.25,\"errorCodeByRecipient\":{\"+263771234567\":{\"code\":131049}}}");

        given().get("/sim/faults").then()
                .statusCode(200)
                .body("serverErrorRate", equalTo(0.25f))
                .body("timeoutRate", equalTo(0.0f))
                .body("timeoutMs", equalTo(10000))
                .body("errorCodeByRecipient.'+263771234567'.code", equalTo(131049))
                .body("errorCodeByRecipient.'+263771234567'.mode", equalTo("sync"));

        given().delete("/sim/faults").then().statusCode(204);

        given().get("/sim/faults").then().body("serverErrorRate", equalTo(0.0f)).body("errorCodeByRecipient", anEmptyMap());
    }

    @Test
    void impossibleFaultPlanGets400Problem() {
        given().contentType(ContentType.JSON).body("{\"serverErrorRate\":2}").put("/sim/faults").then()
                .statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        given().contentType(ContentType.JSON).body("{\"errorCodeByRecipient\":{\"+263771234567\":{\"code\":131049,\"mode\":\"later\"}}}")
                .put("/sim/faults").then().statusCode(400);
    }

    private static void putFaults(String plan) {
        given().contentType(ContentType.JSON).body(plan).put("/sim/faults").then().statusCode(200);
    }
}
