package dev.safesend.simulator.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.simulator.domain.PopulationSegment;
import dev.safesend.simulator.domain.RecipientRange;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.safesend.simulator.component.MetaRequests.NUMBER;
import static dev.safesend.simulator.component.MetaRequests.accepted;
import static dev.safesend.simulator.component.MetaRequests.byBsuid;
import static dev.safesend.simulator.component.MetaRequests.freshRecipient;
import static dev.safesend.simulator.component.MetaRequests.orderUpdate;
import static dev.safesend.simulator.component.MetaRequests.text;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * The simulated recipient population through the HTTP API. Under {@link PopulationProfile} no message
 * of the default lifecycle is delivered, so every delivered status below comes from a population class.
 */
@QuarkusTest
@TestProfile(PopulationProfile.class)
@WithTestResource(WebhookReceiverResource.class)
class PopulationComponentTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** Longer than the read delay (400 ms), after which a reader would have read and a stopper written. */
    private static final Duration QUIET = Duration.ofMillis(900);
    private static final String OTHER_NUMBER = "106540352242923";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectWebhookReceiver
    WebhookReceiver receiver;

    @BeforeEach
    void resetSimulator() {
        MetaRequests.resetSimulator();
        receiver.clear();
    }

    @Test
    void thePopulationIsReplacedShownAndClearedAndAMalformedOneIsRefused() {
        given().contentType(ContentType.JSON).body("""
                {"segments":[{"range":{"from":"+263770000000","to":"+263770009999"},"read":0.6,"reply":0.1,
                 "ignore":0.2,"stop":0.002,"block":0.001},{"range":{"prefix":"5511"},"block":1}]}""")
                .put("/sim/population").then().statusCode(200)
                .body("segments", hasSize(2))
                .body("segments[0].range.from", equalTo("+263770000000"))
                .body("segments[0].stop", equalTo(0.002f))
                .body("segments[1].range.prefix", equalTo("+5511"));
        given().get("/sim/population").then().statusCode(200)
                .body("segments[1].block", equalTo(1.0f)).body("segments[1].read", equalTo(0.0f));

        given().contentType(ContentType.JSON).body("{\"segments\":[{\"range\":{\"prefix\":\"26377\"},\"read\":0.7,\"stop\":0.5}]}")
                .put("/sim/population").then().statusCode(400).contentType("application/problem+json");
        given().get("/sim/population").then().body("segments", hasSize(2));

        given().delete("/sim/population").then().statusCode(204);
        given().get("/sim/population").then().statusCode(200).body("segments", empty());
    }

    @Test
    void theBehaviourLookupGivesTheDocumentedRollForAPhoneAndForTheBsuidOfItsUser() {
        putPopulation("{\"segments\":[{\"range\":{\"from\":\"+263770000000\",\"to\":\"+263779999999\"},"
                + "\"read\":0.5,\"reply\":0.1,\"ignore\":0.2,\"stop\":0.1,\"block\":0.1}]}");
        String phone = freshRecipient();
        PopulationSegment documented = new PopulationSegment(RecipientRange.between("263770000000", "263779999999"),
                0.5, 0.1, 0.2, 0.1, 0.1);
        double roll = documented.roll(phone.substring(1));
        String behaviour = documented.behaviourAt(roll).wireName();

        JsonNode byPhone = lookup(phone);
        assertThat(byPhone.path("phone").asText()).isEqualTo(phone);
        assertThat(byPhone.path("segment").asInt()).isZero();
        assertThat(byPhone.path("range").path("to").asText()).isEqualTo("+263779999999");
        assertThat(byPhone.path("roll").asDouble()).isEqualTo(roll);
        assertThat(byPhone.path("behaviour").asText()).isEqualTo(behaviour);
        assertThat(byPhone.path("blocked")).isEmpty();
        assertThat(byPhone.path("stopsWritten")).isEmpty();
        String bsuid = given().get("/sim/users/{id}", phone).then().extract().path("userId");
        JsonNode byBsuid = lookup(bsuid);
        assertThat(byBsuid.path("phone").asText()).isEqualTo(phone);
        assertThat(byBsuid.path("roll").asDouble()).isEqualTo(roll);
        assertThat(byBsuid.path("behaviour").asText()).isEqualTo(behaviour);

        given().queryParam("recipient", "+5511987654321").get("/sim/population/behaviour").then().statusCode(200)
                .body("behaviour", equalTo("default")).body("segment", nullValue()).body("roll", nullValue());
        given().queryParam("recipient", "BR.00000000000000000001").get("/sim/population/behaviour").then().statusCode(404);
        given().queryParam("recipient", "ana").get("/sim/population/behaviour").then().statusCode(400);
    }

    @Test
    void aRecipientOutsideEverySegmentFollowsTheConfiguredLifecycle() {
        String reader = freshRecipient();
        onlyPhone(reader, "read");

        String wamid = accepted(orderUpdate(freshRecipient(), "outside"));

        await().atMost(PATIENCE).until(() -> receiver.statusesOf(wamid).size() == 1);
        await().during(QUIET).atMost(PATIENCE).until(() -> receiver.statusesOf(wamid).size() == 1);
        assertThat(statuses(wamid)).containsExactly("sent");
    }

    @Test
    void aReaderIsDeliveredAndReadsEveryMessage() {
        String reader = freshRecipient();
        onlyPhone(reader, "read");

        String first = accepted(orderUpdate(reader, "read-1"));
        String second = accepted(orderUpdate(reader, "read-2"));

        await().atMost(PATIENCE).until(() -> statuses(first).size() == 3 && statuses(second).size() == 3);
        assertThat(statuses(first)).containsExactly("sent", "delivered", "read");
        assertThat(statuses(second)).containsExactly("sent", "delivered", "read");
    }

    @Test
    void aReplierReadsAndAnswersWithATextQuotingTheMessageWhichOpensTheWindow() {
        String replier = freshRecipient();
        onlyPhone(replier, "reply");

        String wamid = accepted(orderUpdate(replier, "reply"));

        await().atMost(PATIENCE).until(() -> inboundFrom(replier).size() == 1);
        assertThat(statuses(wamid)).containsExactly("sent", "delivered", "read");
        JsonNode message = inboundFrom(replier).get(0);
        assertThat(message.path("type").asText()).isEqualTo("text");
        assertThat(message.path("text").path("body").asText()).isEqualTo("Thanks, got it");
        assertThat(message.path("context").path("id").asText()).isEqualTo(wamid);
        assertThat(message.path("context").path("from").asText()).isEqualTo("15552242922");

        String answer = accepted(text(replier, "Glad it arrived"));
        await().atMost(PATIENCE).until(() -> statuses(answer).size() == 3);
        assertThat(statuses(answer)).as("free-form inside the window the reply opened").doesNotContain("failed");
    }

    @Test
    void aStopperIsDeliveredNeverReadsAndWritesStopToTheNumberOnce() {
        String stopper = freshRecipient();
        onlyPhone(stopper, "stop");

        String first = accepted(orderUpdate(stopper, "stop-1"));
        String second = accepted(orderUpdate(stopper, "stop-2"));

        await().atMost(PATIENCE).until(() -> inboundFrom(stopper).size() == 1);
        await().during(QUIET).atMost(PATIENCE).until(() -> inboundFrom(stopper).size() == 1);
        JsonNode stop = inboundFrom(stopper).get(0);
        assertThat(stop.path("text").path("body").asText()).isEqualTo("STOP");
        assertThat(stop.has("context")).isFalse();
        assertThat(statuses(first)).containsExactly("sent", "delivered");
        assertThat(statuses(second)).containsExactly("sent", "delivered");
        given().queryParam("recipient", stopper).get("/sim/population/behaviour").then()
                .body("behaviour", equalTo("stop")).body("stopsWritten", contains(NUMBER));
    }

    @Test
    void anIgnorerIsDeliveredAndNeverReads() {
        String ignorer = freshRecipient();
        onlyPhone(ignorer, "ignore");

        String wamid = accepted(orderUpdate(ignorer, "ignore"));

        await().atMost(PATIENCE).until(() -> statuses(wamid).contains("delivered"));
        await().during(QUIET).atMost(PATIENCE).until(() -> statuses(wamid).size() == 2);
        assertThat(statuses(wamid)).containsExactly("sent", "delivered");
        assertThat(inboundFrom(ignorer)).isEmpty();
    }

    @Test
    void aBlockerIsDeliveredNeverReadsAndLaterMessagesFromThatNumberFailWith131026() {
        String blocker = freshRecipient();
        onlyPhone(blocker, "block");

        String first = accepted(orderUpdate(blocker, "block-1"));
        await().atMost(PATIENCE).until(() -> statuses(first).contains("delivered"));
        awaitBlocked(blocker);
        String second = accepted(orderUpdate(blocker, "block-2"));
        String fromAnotherNumber = given().header("Authorization", "Bearer " + MetaRequests.TOKEN)
                .contentType(ContentType.JSON).body(orderUpdate(blocker, "block-other"))
                .post("/v23.0/{id}/messages", OTHER_NUMBER).then().statusCode(200).extract().path("messages[0].id");

        await().atMost(PATIENCE).until(() -> statuses(second).contains("failed"));
        JsonNode failed = receiver.statusesOf(second).get(0);
        assertThat(statuses(second)).containsExactly("failed");
        assertThat(failed.path("errors").get(0).path("code").asInt()).isEqualTo(131026);
        assertThat(failed.path("errors").get(0).path("title").asText()).isEqualTo("Message undeliverable");
        assertThat(failed.path("recipient_id").asText()).isEqualTo(blocker.substring(1));
        assertThat(failed.path("biz_opaque_callback_data").asText()).isEqualTo("block-2");
        assertThat(statuses(first)).containsExactly("sent", "delivered");
        await().atMost(PATIENCE).until(() -> statuses(fromAnotherNumber).contains("delivered"));
        given().queryParam("recipient", blocker).get("/sim/ledger").then()
                .body("find { it.wamid == '" + second + "' }.failedCode", equalTo(131026))
                .body("find { it.wamid == '" + first + "' }.failedCode", nullValue());
    }

    @Test
    void aRecipientAddressedByBsuidIsClassifiedByTheirPhoneAndStaysBlockedByBsuid() {
        String blocker = freshRecipient();
        onlyPhone(blocker, "block");
        String bsuid = given().get("/sim/users/{id}", blocker).then().extract().path("userId");

        String first = accepted(byBsuid(orderUpdate(bsuid, "bsuid-1")));
        await().atMost(PATIENCE).until(() -> statuses(first).contains("delivered"));
        awaitBlocked(blocker);
        String second = accepted(byBsuid(orderUpdate(bsuid, "bsuid-2")));

        await().atMost(PATIENCE).until(() -> statuses(second).contains("failed"));
        JsonNode failed = receiver.statusesOf(second).get(0);
        assertThat(failed.path("errors").get(0).path("code").asInt()).isEqualTo(131026);
        assertThat(failed.path("recipient_user_id").asText()).isEqualTo(bsuid);
        assertThat(failed.has("recipient_id")).isFalse();
        String byPhone = accepted(orderUpdate(blocker, "phone-after-bsuid"));
        await().atMost(PATIENCE).until(() -> statuses(byPhone).contains("failed"));
    }

    @Test
    void aLedgerResetForgetsBlocksButKeepsThePopulation() {
        String blocker = freshRecipient();
        onlyPhone(blocker, "block");
        String first = accepted(orderUpdate(blocker, "reset-1"));
        await().atMost(PATIENCE).until(() -> statuses(first).contains("delivered"));
        awaitBlocked(blocker);

        given().delete("/sim/ledger").then().statusCode(204);

        given().queryParam("recipient", blocker).get("/sim/population/behaviour").then()
                .body("behaviour", equalTo("block")).body("blocked", empty());
        String again = accepted(orderUpdate(blocker, "reset-2"));
        await().atMost(PATIENCE).until(() -> statuses(again).contains("delivered"));
    }

    /** A population of one phone, all of it in one class. */
    private static void onlyPhone(String phone, String behaviour) {
        putPopulation("{\"segments\":[{\"range\":{\"from\":\"" + phone + "\",\"to\":\"" + phone + "\"},\""
                + behaviour + "\":1}]}");
        given().queryParam("recipient", phone).get("/sim/population/behaviour").then().body("behaviour", equalTo(behaviour));
    }

    private static JsonNode lookup(String recipient) {
        try {
            return JSON.readTree(given().queryParam("recipient", recipient).get("/sim/population/behaviour").then()
                    .statusCode(200).extract().asString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void putPopulation(String body) {
        given().contentType(ContentType.JSON).body(body).put("/sim/population").then().statusCode(200);
    }

    private static void awaitBlocked(String phone) {
        await().atMost(PATIENCE).until(() -> given().queryParam("recipient", phone).get("/sim/population/behaviour")
                .jsonPath().getList("blocked", String.class).contains(NUMBER));
    }

    private List<String> statuses(String wamid) {
        return receiver.statusesOf(wamid).stream().map(status -> status.path("status").asText()).toList();
    }

    /** Inbound user messages from the phone, in arrival order. */
    private List<JsonNode> inboundFrom(String phone) {
        return receiver.changesOf("messages").stream()
                .flatMap(change -> java.util.stream.StreamSupport.stream(change.path("value").path("messages").spliterator(), false))
                .filter(message -> phone.substring(1).equals(message.path("from").asText())).toList();
    }
}
