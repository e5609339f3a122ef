package dev.safesend.simulator.component;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.safesend.simulator.component.MetaRequests.APP_SECRET;
import static dev.safesend.simulator.component.MetaRequests.NUMBER;
import static dev.safesend.simulator.component.MetaRequests.TOKEN;
import static dev.safesend.simulator.component.MetaRequests.WABA;
import static dev.safesend.simulator.component.WebhookReceiverResource.OTHER_WABA;
import static dev.safesend.simulator.component.WebhookReceiverResource.OTHER_WABA_NUMBER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** A number's quality: Meta's phone-number read, the control endpoint and the webhooks a change brings. */
@QuarkusTest
@WithTestResource(WebhookReceiverResource.class)
class NumberQualityComponentTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String DISPLAY = "15552242922";

    @InjectWebhookReceiver
    WebhookReceiver receiver;

    @BeforeEach
    void resetSimulator() {
        MetaRequests.resetSimulator();
        receiver.clear();
    }

    @Test
    void thePhoneNumberReadAnswersOnlyTheFieldsAskedForAndTheId() {
        graphRead(NUMBER, "quality_rating").statusCode(200)
                .body("$", aMapWithSize(2))
                .body("quality_rating", equalTo("GREEN"))
                .body("id", equalTo(NUMBER));
        graphRead(NUMBER, "quality_rating,throughput,whatsapp_business_manager_messaging_limit,status").statusCode(200)
                .body("$", aMapWithSize(5))
                .body("throughput.level", equalTo("STANDARD"))
                .body("whatsapp_business_manager_messaging_limit", equalTo("TIER_UNLIMITED"))
                .body("status", equalTo("CONNECTED"));
    }

    @Test
    void withoutFieldsThePhoneNumberReadAnswersMetasDefaultSet() {
        graphRead(NUMBER, null).statusCode(200)
                .body("verified_name", equalTo("Simulated Business"))
                .body("code_verification_status", equalTo("VERIFIED"))
                .body("display_phone_number", equalTo("+1 555-224-2922"))
                .body("quality_rating", equalTo("GREEN"))
                .body("platform_type", equalTo("CLOUD_API"))
                .body("throughput.level", equalTo("STANDARD"))
                .body("id", equalTo(NUMBER));
    }

    @Test
    void thePhoneNumberReadNeedsTheBearerTokenAndRefusesAFieldTheNodeDoesNotHave() {
        given().queryParam("fields", "quality_rating").get("/v23.0/{id}", NUMBER).then()
                .statusCode(401).body("error.code", equalTo(190));
        graphRead(NUMBER, "quality_rating,favourite_colour").statusCode(400)
                .body("error.code", equalTo(100))
                .body("error.error_data.details", equalTo(
                        "Tried accessing nonexisting field (favourite_colour) on node type (WhatsAppBusinessPhoneNumber)"));
    }

    @Test
    void turningRedFlagsTheNumberInTheReadAndByAQualityWebhook() {
        setQuality(NUMBER, "{\"rating\":\"RED\"}").statusCode(200)
                .body("rating", equalTo("RED")).body("messagingLimit", equalTo("TIER_UNLIMITED"))
                .body("events", contains("FLAGGED")).body("businessCapabilityUpdate", equalTo(false));

        graphRead(NUMBER, "quality_rating,status").body("quality_rating", equalTo("RED")).body("status", equalTo("FLAGGED"));
        JsonNode value = awaitChange("phone_number_quality_update", "FLAGGED");
        assertThat(value.path("display_phone_number").asText()).isEqualTo(DISPLAY);
        assertThat(value.path("current_limit").asText()).isEqualTo("TIER_UNLIMITED");
        assertThat(value.path("max_daily_conversations_per_business").asText()).isEqualTo("TIER_UNLIMITED");
        assertThat(value.has("old_limit")).isFalse();
        WebhookReceiver.Received post = receiver.accepted().get(0);
        assertThat(post.signatureVerifies(APP_SECRET)).isTrue();
        assertThat(post.json().path("entry").get(0).path("id").asText()).isEqualTo(WABA);
        assertThat(post.json().path("entry").get(0).path("time").isIntegralNumber()).isTrue();
    }

    @Test
    void leavingRedUnflagsTheNumber() {
        setQuality(NUMBER, "{\"rating\":\"RED\"}").statusCode(200);

        setQuality(NUMBER, "{\"rating\":\"YELLOW\"}").statusCode(200).body("events", contains("UNFLAGGED"));

        assertThat(awaitChange("phone_number_quality_update", "UNFLAGGED").path("display_phone_number").asText())
                .isEqualTo(DISPLAY);
        graphRead(NUMBER, "quality_rating").body("quality_rating", equalTo("YELLOW"));
    }

    @Test
    void aChangeBetweenGreenAndYellowShowsInTheReadButEmitsNoWebhook() {
        setQuality(NUMBER, "{\"rating\":\"YELLOW\"}").statusCode(200).body("events", empty());

        graphRead(NUMBER, "quality_rating").body("quality_rating", equalTo("YELLOW"));
        assertThat(webhookCounters()).as("nothing was queued: an emitted webhook is counted pending at once")
                .containsEntry("pending", 0).containsEntry("delivered", 0).containsEntry("failed", 0);
    }

    @Test
    void aLowerLimitIsADowngradeWebhookWithTheOldLimitAndABusinessCapabilityUpdate() {
        setQuality(NUMBER, "{\"messagingLimit\":\"TIER_2K\"}").statusCode(200)
                .body("messagingLimit", equalTo("TIER_2K")).body("rating", equalTo("GREEN"))
                .body("events", contains("DOWNGRADE")).body("businessCapabilityUpdate", equalTo(true));

        JsonNode downgrade = awaitChange("phone_number_quality_update", "DOWNGRADE");
        assertThat(downgrade.path("display_phone_number").asText()).isEqualTo(DISPLAY);
        assertThat(downgrade.path("old_limit").asText()).isEqualTo("TIER_UNLIMITED");
        assertThat(downgrade.path("current_limit").asText()).isEqualTo("TIER_2K");
        assertThat(downgrade.path("max_daily_conversations_per_business").asText()).isEqualTo("TIER_2K");
        await().atMost(PATIENCE).until(() -> !receiver.changesOf("business_capability_update").isEmpty());
        assertThat(receiver.changesOf("business_capability_update").get(0).path("value").path("max_daily_conversations_per_business")
                .asText()).isEqualTo("TIER_2K");
        graphRead(NUMBER, "whatsapp_business_manager_messaging_limit")
                .body("whatsapp_business_manager_messaging_limit", equalTo("TIER_2K"));
    }

    @Test
    void aHigherLimitIsAnUpgradeAndTurningRedWithALowerLimitFlagsAndDowngrades() {
        setQuality(NUMBER, "{\"messagingLimit\":\"TIER_2K\"}").statusCode(200);
        setQuality(NUMBER, "{\"messagingLimit\":\"TIER_10K\"}").statusCode(200).body("events", contains("UPGRADE"));
        JsonNode upgrade = awaitChange("phone_number_quality_update", "UPGRADE");
        assertThat(upgrade.path("old_limit").asText()).isEqualTo("TIER_2K");
        assertThat(upgrade.path("current_limit").asText()).isEqualTo("TIER_10K");

        setQuality(NUMBER, "{\"rating\":\"RED\",\"messagingLimit\":\"TIER_250\"}").statusCode(200)
                .body("events", contains("FLAGGED", "DOWNGRADE"));
        assertThat(awaitChange("phone_number_quality_update", "FLAGGED").path("current_limit").asText()).isEqualTo("TIER_250");
        await().atMost(PATIENCE).until(() -> receiver.changesOf("business_capability_update").size() == 3);
    }

    @Test
    void aNumberOfAnotherWabaIsReportedUnderThatWaba() {
        setQuality(OTHER_WABA_NUMBER, "{\"rating\":\"RED\"}").statusCode(200);

        await().atMost(PATIENCE).until(() -> !receiver.accepted().isEmpty());
        JsonNode entry = receiver.accepted().get(0).json().path("entry").get(0);
        assertThat(entry.path("id").asText()).isEqualTo(OTHER_WABA);
        assertThat(entry.path("changes").get(0).path("value").path("display_phone_number").asText()).isEqualTo("15550000002");
        graphRead(NUMBER, "quality_rating").body("quality_rating", equalTo("GREEN"));
    }

    @Test
    void aMalformedQualityIsRefusedAndALedgerResetRestoresTheInitialQuality() {
        setQuality(NUMBER, "{\"rating\":\"PURPLE\"}").statusCode(400).contentType("application/problem+json");
        setQuality(NUMBER, "{\"messagingLimit\":\"TIER_1K\"}").statusCode(400);
        setQuality(NUMBER, "{}").statusCode(400);
        setQuality(NUMBER, "{\"quality\":\"RED\"}").statusCode(400);
        setQuality("not-a-number", "{\"rating\":\"RED\"}").statusCode(400);
        setQuality(NUMBER, "{\"rating\":\"red\",\"messagingLimit\":\"TIER_2K\"}").statusCode(200);

        given().delete("/sim/ledger").then().statusCode(204);

        given().get("/sim/numbers/{id}/quality", NUMBER).then().statusCode(200)
                .body("rating", equalTo("GREEN")).body("messagingLimit", equalTo("TIER_UNLIMITED"))
                .body("displayPhoneNumber", equalTo(DISPLAY));
    }

    private static ValidatableResponse graphRead(String phoneNumberId, String fields) {
        var request = given().header("Authorization", "Bearer " + TOKEN);
        if (fields != null) {
            request = request.queryParam("fields", fields);
        }
        return request.get("/v23.0/{id}", phoneNumberId).then();
    }

    private static ValidatableResponse setQuality(String phoneNumberId, String body) {
        return given().contentType(ContentType.JSON).body(body).put("/sim/numbers/{id}/quality", phoneNumberId).then();
    }

    private JsonNode awaitChange(String field, String event) {
        await().atMost(PATIENCE).until(() -> changes(field, event).size() == 1);
        return changes(field, event).get(0);
    }

    private List<JsonNode> changes(String field, String event) {
        return receiver.changesOf(field).stream().map(change -> change.path("value"))
                .filter(value -> event.equals(value.path("event").asText())).toList();
    }

    private static Map<String, Integer> webhookCounters() {
        return given().get("/sim/ledger").jsonPath().getMap("webhooks", String.class, Integer.class);
    }
}
