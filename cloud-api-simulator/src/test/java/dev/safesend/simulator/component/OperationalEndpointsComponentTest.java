package dev.safesend.simulator.component;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.safesend.simulator.component.MetaRequests.accepted;
import static dev.safesend.simulator.component.MetaRequests.freshRecipient;
import static dev.safesend.simulator.component.MetaRequests.orderUpdate;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(WebhookReceiverResource.class)
class OperationalEndpointsComponentTest {

    @Test
    void livenessAndReadinessAreUpWithTheWebhookEmitterCheck() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("webhook-emitter"));
    }

    @Test
    void prometheusMetricsCountAcceptedMessages() {
        accepted(orderUpdate(freshRecipient(), null));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("simulator_messages_accepted_total{type=\"template\"}"));
    }
}
