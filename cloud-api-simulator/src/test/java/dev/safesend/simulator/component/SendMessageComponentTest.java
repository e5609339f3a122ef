package dev.safesend.simulator.component;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.safesend.simulator.component.MetaRequests.NUMBER;
import static dev.safesend.simulator.component.MetaRequests.accepted;
import static dev.safesend.simulator.component.MetaRequests.freshRecipient;
import static dev.safesend.simulator.component.MetaRequests.orderUpdate;
import static dev.safesend.simulator.component.MetaRequests.send;
import static dev.safesend.simulator.component.MetaRequests.template;
import static dev.safesend.simulator.component.MetaRequests.text;
import static dev.safesend.simulator.component.MetaRequests.userWrites;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(WebhookReceiverResource.class)
class SendMessageComponentTest {

    @InjectWebhookReceiver
    WebhookReceiver receiver;

    @BeforeEach
    void resetSimulator() {
        MetaRequests.resetSimulator();
        receiver.clear();
    }

    @Test
    void templateSendIsAnsweredWithMetasSuccessShape() {
        String to = freshRecipient();

        send(orderUpdate(to, "cb-shape")).then()
                .statusCode(200)
                .body("messaging_product", equalTo("whatsapp"))
                .body("contacts[0].input", equalTo(to))
                .body("contacts[0].wa_id", equalTo(to.substring(1)))
                .body("messages[0].id", startsWith("wamid."))
                .body("messages[0].message_status", equalTo("accepted"));
    }

    @Test
    void textSendInsideTheWindowHasNoMessageStatus() {
        String to = freshRecipient();
        userWrites(to.substring(1), NUMBER, "hi");

        send(text(to, "Your order shipped")).then()
                .statusCode(200)
                .body("messages[0].id", startsWith("wamid."))
                .body("messages[0]", not(hasKey("message_status")));
    }

    @Test
    void missingTokenGets401WithCode190() {
        given().contentType(ContentType.JSON).body(orderUpdate(freshRecipient(), null))
                .post("/v23.0/{id}/messages", NUMBER).then()
                .statusCode(401)
                .body("error.code", equalTo(190))
                .body("error.type", equalTo("OAuthException"))
                .body("error.message", startsWith("(#190) "));
    }

    @Test
    void wrongTokenGets401WithCode190AndNothingIsAccepted() {
        given().header("Authorization", "Bearer not-the-token").contentType(ContentType.JSON)
                .body(orderUpdate(freshRecipient(), null))
                .post("/v23.0/{id}/messages", NUMBER).then()
                .statusCode(401)
                .body("error.code", equalTo(190));

        given().get("/sim/ledger").then().body("total", equalTo(0)).body("errorsByCode.'190'", equalTo(1));
    }

    @Test
    void secondCallWithinASecondOnAOneMessagePerSecondNumberGets130429() {
        String number = WebhookReceiverResource.THROTTLED_NUMBER;

        send(number, orderUpdate(freshRecipient(), null)).then().statusCode(200);
        send(number, orderUpdate(freshRecipient(), null)).then()
                .statusCode(400)
                .body("error.code", equalTo(130429))
                .body("error.message", equalTo("(#130429) Rate limit hit"))
                .body("error.error_data.messaging_product", equalTo("whatsapp"))
                .body("error.fbtrace_id", not(nullValue()));
    }

    @Test
    void secondMessageToSameRecipientWithinSixSecondsGets131056() {
        String to = freshRecipient();
        send(orderUpdate(to, null)).then().statusCode(200);

        send(template(to, "hello_world", "en_US", null)).then()
                .statusCode(400)
                .body("error.code", equalTo(131056))
                .body("error.message", equalTo("(#131056) (Business Account, Consumer Account) pair rate limit hit"));
        send(orderUpdate(freshRecipient(), null)).then().statusCode(200);
    }

    @Test
    void unknownTemplateGets132001() {
        send(template(freshRecipient(), "no_such_template", "en_US", null)).then()
                .statusCode(400)
                .body("error.code", equalTo(132001))
                .body("error.message", equalTo("(#132001) Template name does not exist in the translation"));
    }

    @Test
    void pausedTemplateGets132001() {
        send(template(freshRecipient(), "old_promo", "en_US", null, "the winter sale")).then()
                .statusCode(400)
                .body("error.code", equalTo(132001));
    }

    @Test
    void pendingTemplateAndMissingTranslationGet132001() {
        send(template(freshRecipient(), "new_launch", "en_US", null, "Jess")).then()
                .statusCode(400).body("error.code", equalTo(132001));
        send(template(freshRecipient(), "order_update", "pt_BR", null, "Jess", "X1")).then()
                .statusCode(400).body("error.code", equalTo(132001));
    }

    @Test
    void secondLanguageOfATemplateIsSendable() {
        send(template(freshRecipient(), "appointment_reminder", "pt_BR", null, "Ana", "12/03")).then().statusCode(200);
    }

    @Test
    void oneParameterForATwoParameterTemplateGets132000() {
        send(template(freshRecipient(), "order_update", "en_US", null, "Jessica")).then()
                .statusCode(400)
                .body("error.code", equalTo(132000))
                .body("error.message",
                        equalTo("(#132000) Number of parameters does not match the expected number of params"));
    }

    @Test
    void freeFormTextWithoutInboundMessageIsAcceptedThenFailsWith131047ByWebhook() {
        String to = freshRecipient();

        String wamid = send(text(to, "hello")).then().statusCode(200).extract().path("messages[0].id");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.statusesOf(wamid))
                .singleElement().satisfies(status -> {
                    assertThat(status.path("status").asText()).isEqualTo("failed");
                    assertThat(status.path("errors").get(0).path("code").asInt()).isEqualTo(131047);
                    assertThat(status.path("errors").get(0).path("title").asText()).isEqualTo("Re-engagement message");
                }));
        given().get("/sim/ledger").then().body("errorsByCode.'131047'", equalTo(1));
    }

    @Test
    void freeFormTextAfterTheUserWroteIsNot131047() {
        String to = freshRecipient();
        userWrites(to.substring(1), NUMBER, "Does it come in blue?");

        String wamid = accepted(text(to, "Yes, it does"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.statusesOf(wamid))
                .extracting(status -> status.path("status").asText()).contains("sent").doesNotContain("failed"));
        given().get("/sim/ledger").then().body("errorsByCode", not(hasKey("131047")));
    }

    @Test
    void windowIsPerBusinessNumber() {
        String to = freshRecipient();
        userWrites(to.substring(1), "106540352240000", "hi");

        String wamid = accepted(text(to, "hello"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.statusesOf(wamid))
                .extracting(status -> status.path("status").asText()).containsExactly("failed"));
    }

    @Test
    void malformedRequestsGetMetasValidationCodes() {
        send("{not json").then().statusCode(400).body("error.code", equalTo(100));
        send("{\"messaging_product\":\"sms\",\"to\":\"+263771234567\",\"text\":{\"body\":\"x\"}}").then()
                .statusCode(400).body("error.code", equalTo(100));
        send("{\"messaging_product\":\"whatsapp\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}").then()
                .statusCode(400).body("error.code", equalTo(131008));
        send(text(freshRecipient(), "x".repeat(4097))).then().statusCode(400).body("error.code", equalTo(131009));
        send("not-digits", orderUpdate(freshRecipient(), null)).then().statusCode(400).body("error.code", equalTo(100));
    }

    @Test
    void anyApiVersionIsAccepted() {
        given().header("Authorization", "Bearer " + MetaRequests.TOKEN).contentType(ContentType.JSON)
                .body(orderUpdate(freshRecipient(), null))
                .post("/v19.0/{id}/messages", NUMBER).then().statusCode(200);
    }

    @Test
    void resetLetsTheSameRecipientReceiveAgainAtOnce() {
        String to = freshRecipient();
        accepted(orderUpdate(to, null));
        send(orderUpdate(to, null)).then().statusCode(400).body("error.code", equalTo(131056));

        given().delete("/sim/ledger").then().statusCode(204);

        send(orderUpdate(to, null)).then().statusCode(200);
    }
}
