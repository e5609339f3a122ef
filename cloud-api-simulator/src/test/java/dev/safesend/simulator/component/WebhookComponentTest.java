package dev.safesend.simulator.component;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.safesend.simulator.component.MetaRequests.APP_SECRET;
import static dev.safesend.simulator.component.MetaRequests.NUMBER;
import static dev.safesend.simulator.component.MetaRequests.WABA;
import static dev.safesend.simulator.component.MetaRequests.accepted;
import static dev.safesend.simulator.component.MetaRequests.freshRecipient;
import static dev.safesend.simulator.component.MetaRequests.orderUpdate;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(WebhookReceiverResource.class)
class WebhookComponentTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @InjectWebhookReceiver
    WebhookReceiver receiver;

    @BeforeEach
    void resetSimulator() {
        MetaRequests.resetSimulator();
        receiver.clear();
    }

    @Test
    void statusWebhooksArriveSignedInOrderSentDeliveredReadCarryingTheCallbackData() {
        String callbackData = "msg-" + UUID.randomUUID();
        String to = freshRecipient();

        String wamid = accepted(orderUpdate(to, callbackData));

        await().atMost(PATIENCE).until(() -> receiver.statusesOf(wamid).size() == 3);
        List<JsonNode> statuses = receiver.statusesOf(wamid);
        assertThat(statuses).extracting(status -> status.path("status").asText())
                .containsExactly("sent", "delivered", "read");
        assertThat(statuses).allSatisfy(status -> {
            assertThat(status.path("biz_opaque_callback_data").asText()).isEqualTo(callbackData);
            assertThat(status.path("recipient_id").asText()).isEqualTo(to.substring(1));
            assertThat(status.path("timestamp").isTextual()).isTrue();
            assertThat(status.path("timestamp").asText()).matches("\\d{10}");
        });
        assertThat(statuses.get(0).path("pricing").path("category").asText()).isEqualTo("utility");
        assertThat(statuses.get(0).path("conversation").path("origin").path("type").asText()).isEqualTo("utility");
        List<WebhookReceiver.Received> posts = receiver.accepted();
        assertThat(posts).isNotEmpty().allSatisfy(post -> {
            assertThat(post.signatureVerifies(APP_SECRET)).as("signature over the raw bytes").isTrue();
            assertThat(post.signatureVerifies("another-secret")).isFalse();
            assertThat(post.contentType()).startsWith("application/json");
            assertThat(post.json().path("object").asText()).isEqualTo("whatsapp_business_account");
            assertThat(post.json().path("entry").get(0).path("id").asText()).isEqualTo(WABA);
        });
    }

    @Test
    void everyStatusOfManyMessagesIsDeliveredAndCounted() {
        List<String> wamids = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> accepted(orderUpdate(freshRecipient(), "many-" + i))).toList();

        await().atMost(PATIENCE).until(() -> wamids.stream().allMatch(w -> receiver.statusesOf(w).size() == 3));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(webhookCounters())
                .containsEntry("delivered", 60).containsEntry("pending", 0).containsEntry("failed", 0));
    }

    @Test
    void userMessageOpensWithAnInboundWebhookAndAnswersItsWamid() {
        String to = freshRecipient();
        String waId = to.substring(1);

        String wamid = given().contentType(ContentType.JSON)
                .body("{\"to\":\"" + NUMBER + "\",\"text\":\"STOP\",\"profileName\":\"Sheena Nelson\"}")
                .post("/sim/users/{waId}/messages", waId).then()
                .statusCode(200).body("wamid", startsWith("wamid.")).extract().path("wamid");

        await().atMost(PATIENCE).until(() -> inboundWith(wamid) != null);
        JsonNode value = inboundWith(wamid);
        assertThat(value.path("metadata").path("phone_number_id").asText()).isEqualTo(NUMBER);
        assertThat(value.path("contacts").get(0).path("profile").path("name").asText()).isEqualTo("Sheena Nelson");
        assertThat(value.path("contacts").get(0).path("wa_id").asText()).isEqualTo(waId);
        JsonNode message = value.path("messages").get(0);
        assertThat(message.path("from").asText()).isEqualTo(waId);
        assertThat(message.path("type").asText()).isEqualTo("text");
        assertThat(message.path("text").path("body").asText()).isEqualTo("STOP");
        assertThat(receiver.accepted()).allSatisfy(post -> assertThat(post.signatureVerifies(APP_SECRET)).isTrue());
    }

    @Test
    void buttonTapCarriesPayloadTextAndTheTemplatesWamidAsContext() {
        String to = freshRecipient();
        String templateWamid = accepted(MetaRequests.template(to, "promo_offer", "en_US", null, "SPRING20"));

        String wamid = given().contentType(ContentType.JSON)
                .body("{\"to\":\"" + NUMBER + "\",\"buttonPayload\":\"STOP_PROMO\",\"buttonText\":\"Stop promotions\","
                        + "\"contextWamid\":\"" + templateWamid + "\"}")
                .post("/sim/users/{waId}/messages", to).then().statusCode(200).extract().path("wamid");

        await().atMost(PATIENCE).until(() -> inboundWith(wamid) != null);
        JsonNode message = inboundWith(wamid).path("messages").get(0);
        assertThat(message.path("type").asText()).isEqualTo("button");
        assertThat(message.path("button").path("payload").asText()).isEqualTo("STOP_PROMO");
        assertThat(message.path("button").path("text").asText()).isEqualTo("Stop promotions");
        assertThat(message.path("context").path("id").asText()).isEqualTo(templateWamid);
    }

    @Test
    void userMessageNeedsExactlyOneOfTextAndButtonPayload() {
        given().contentType(ContentType.JSON).body("{\"to\":\"" + NUMBER + "\"}")
                .post("/sim/users/{waId}/messages", "263771234567").then()
                .statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        given().contentType(ContentType.JSON).body("{\"to\":\"abc\",\"text\":\"hi\"}")
                .post("/sim/users/{waId}/messages", "263771234567").then().statusCode(400);
    }

    @Test
    void accountEventIsEmittedAsSignedChangeOfThatField() {
        String marker = "tmpl-" + UUID.randomUUID();

        given().contentType(ContentType.JSON)
                .body("{\"event\":\"PAUSED\",\"message_template_id\":1000000000000004,"
                        + "\"message_template_name\":\"" + marker + "\",\"message_template_language\":\"en_US\","
                        + "\"reason\":\"NONE\"}")
                .post("/sim/events/{field}", "message_template_status_update").then().statusCode(200);

        await().atMost(PATIENCE).until(() -> !receiver.changesOf("message_template_status_update").isEmpty());
        JsonNode value = receiver.changesOf("message_template_status_update").get(0).path("value");
        assertThat(value.path("event").asText()).isEqualTo("PAUSED");
        assertThat(value.path("message_template_name").asText()).isEqualTo(marker);
        assertThat(value.path("message_template_id").isIntegralNumber()).isTrue();
        WebhookReceiver.Received post = receiver.accepted().get(0);
        assertThat(post.signatureVerifies(APP_SECRET)).isTrue();
        assertThat(post.json().path("entry").get(0).path("time").isIntegralNumber()).isTrue();
    }

    @Test
    void eventBodyMustBeAnObject() {
        given().contentType(ContentType.JSON).body("[1,2]")
                .post("/sim/events/{field}", "account_update").then().statusCode(400);
    }

    @Test
    void refusedPostIsRetriedWithTheSameSignedBytesAndCounted() {
        String callbackData = "retry-" + UUID.randomUUID();
        receiver.failPostsContaining(callbackData, 2);

        String wamid = accepted(orderUpdate(freshRecipient(), callbackData));

        await().atMost(PATIENCE).until(() -> receiver.statusesOf(wamid).size() == 3);
        List<WebhookReceiver.Received> sentAttempts = receiver.all().stream()
                .filter(post -> new String(post.body()).contains("\"status\":\"sent\""))
                .filter(post -> new String(post.body()).contains(callbackData)).toList();
        assertThat(sentAttempts).extracting(WebhookReceiver.Received::answeredStatus).containsExactly(500, 500, 200);
        assertThat(sentAttempts).extracting(WebhookReceiver.Received::signature).containsOnly(sentAttempts.get(0).signature());
        assertThat(sentAttempts).allSatisfy(post -> assertThat(post.signatureVerifies(APP_SECRET)).isTrue());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(webhookCounters())
                .containsEntry("retries", 2).containsEntry("delivered", 3).containsEntry("failed", 0)
                .containsEntry("pending", 0));
    }

    @Test
    void postRefusedOnEveryAttemptIsCountedAsFailed() {
        String callbackData = "doomed-" + UUID.randomUUID();
        receiver.failPostsContaining(callbackData, 1_000);

        accepted(orderUpdate(freshRecipient(), callbackData));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(webhookCounters())
                .containsEntry("failed", 3).containsEntry("delivered", 0).containsEntry("pending", 0));
        assertThat(receiver.all()).filteredOn(post -> new String(post.body()).contains(callbackData))
                .as("3 statuses x 4 attempts").hasSize(12)
                .extracting(WebhookReceiver.Received::answeredStatus).containsOnly(500);
    }

    /** The ledger's webhook counters, read without RestAssured validation (which logs every failed poll). */
    private static Map<String, Integer> webhookCounters() {
        return given().get("/sim/ledger").jsonPath().getMap("webhooks", String.class, Integer.class);
    }

    private JsonNode inboundWith(String wamid) {
        return receiver.changesOf("messages").stream().map(change -> change.path("value"))
                .filter(value -> wamid.equals(value.path("messages").path(0).path("id").asText()))
                .findFirst().orElse(null);
    }
}
