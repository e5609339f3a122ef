package dev.safesend.simulator.component;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import static dev.safesend.simulator.component.MetaRequests.NUMBER;
import static dev.safesend.simulator.component.MetaRequests.WABA;
import static dev.safesend.simulator.component.MetaRequests.accepted;
import static dev.safesend.simulator.component.MetaRequests.byBsuid;
import static dev.safesend.simulator.component.MetaRequests.freshBrazilian;
import static dev.safesend.simulator.component.MetaRequests.orderUpdate;
import static dev.safesend.simulator.component.MetaRequests.send;
import static dev.safesend.simulator.component.MetaRequests.template;
import static dev.safesend.simulator.component.WebhookReceiverResource.OTHER_WABA;
import static dev.safesend.simulator.component.WebhookReceiverResource.OTHER_WABA_NUMBER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Business-scoped user IDs, usernames, number changes and marketing stops, through the HTTP API. */
@QuarkusTest
@WithTestResource(WebhookReceiverResource.class)
class UsersComponentTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String SAME_WABA_NUMBER = "106540352242923";
    private static final String THIRD_NUMBER = "106540352242924";

    @InjectWebhookReceiver
    WebhookReceiver receiver;

    @BeforeEach
    void resetSimulator() {
        MetaRequests.resetSimulator();
        receiver.clear();
    }

    @Test
    void profileIsReadByPhoneOrByBsuidWithTheBsuidOfEveryWaba() {
        String phone = freshBrazilian();

        String bsuid = given().get("/sim/users/{id}", phone).then()
                .statusCode(200)
                .body("phone", equalTo(phone))
                .body("userId", matchesPattern("BR\\.\\d{20}"))
                .body("userIds", hasKey(WABA))
                .body("userIds", hasKey(OTHER_WABA))
                .body("username", nullValue())
                .extract().path("userId");

        given().get("/sim/users/{id}", bsuid).then().statusCode(200)
                .body("phone", equalTo(phone))
                .body("userIds.'" + WABA + "'", equalTo(bsuid))
                .body("userIds.'" + OTHER_WABA + "'", not(equalTo(bsuid)));
        given().get("/sim/users/{id}", phone.substring(1)).then().statusCode(200).body("userId", equalTo(bsuid));
    }

    @Test
    void profileSetsUsernameNameAndContactBookKeepsOmittedFieldsAndKeepsTheBsuid() {
        String phone = freshBrazilian();
        String bsuid = userIdOf(phone);

        given().contentType(ContentType.JSON).body("{\"username\":\"ana.k\",\"name\":\"Ana\",\"inContactBook\":true}")
                .put("/sim/users/{id}/profile", phone).then()
                .statusCode(200)
                .body("phone", equalTo(phone))
                .body("userId", equalTo(bsuid))
                .body("username", equalTo("ana.k"))
                .body("name", equalTo("Ana"))
                .body("contactBooks", hasSize(2));
        given().contentType(ContentType.JSON).body("{\"username\":\"ana_k2\",\"inContactBook\":false}")
                .put("/sim/users/{id}/profile", bsuid).then()
                .statusCode(200)
                .body("userId", equalTo(bsuid))
                .body("username", equalTo("ana_k2"))
                .body("name", equalTo("Ana"))
                .body("contactBooks", hasSize(0));
        given().contentType(ContentType.JSON).body("{\"username\":null}").put("/sim/users/{id}/profile", phone).then()
                .statusCode(200)
                .body("userId", equalTo(bsuid))
                .body("username", nullValue())
                .body("name", equalTo("Ana"));
    }

    @Test
    void idsThatAreNeitherPhoneNorBsuidAreRefusedAndABsuidOfNobodyIsNotFound() {
        given().get("/sim/users/{id}", "ana.k").then()
                .statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        given().contentType(ContentType.JSON).body("{\"to\":\"" + NUMBER + "\",\"text\":\"hi\"}")
                .post("/sim/users/{id}/messages", "not-a-user").then().statusCode(400);
        given().get("/sim/users/{id}", "BR.00000000000000000001").then()
                .statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"username\":\"a b\"}")
                .put("/sim/users/{id}/profile", freshBrazilian()).then().statusCode(400);
    }

    @Test
    void messageToABsuidIsAnsweredWithTheUserIdAndItsStatusesCarryTheBsuidButNoPhone() {
        String phone = freshBrazilian();
        String bsuid = userIdOf(phone);

        String wamid = send(byBsuid(orderUpdate(bsuid, "by-bsuid"))).then()
                .statusCode(200)
                .body("contacts[0].input", equalTo(bsuid))
                .body("contacts[0].user_id", equalTo(bsuid))
                .body("contacts[0]", not(hasKey("wa_id")))
                .body("messages[0].id", startsWith("wamid."))
                .extract().path("messages[0].id");

        await().atMost(PATIENCE).until(() -> receiver.statusesOf(wamid).size() == 3);
        assertThat(receiver.statusesOf(wamid)).allSatisfy(status -> {
            assertThat(status.path("recipient_user_id").asText()).isEqualTo(bsuid);
            assertThat(status.has("recipient_id")).isFalse();
        });
    }

    @Test
    void messageToAPhoneReportsPhoneAndBsuidAndTheUsernameOnlyOnceDelivered() {
        String phone = freshBrazilian();
        String bsuid = setProfile(phone, "{\"username\":\"ana.k\",\"name\":\"Ana\"}");

        String wamid = accepted(orderUpdate(phone, "by-phone"));

        await().atMost(PATIENCE).until(() -> receiver.statusesOf(wamid).size() == 3);
        assertThat(receiver.statusesOf(wamid)).allSatisfy(status -> {
            assertThat(status.path("recipient_id").asText()).isEqualTo(phone.substring(1));
            assertThat(status.path("recipient_user_id").asText()).isEqualTo(bsuid);
        });
        JsonNode sentContact = contactOfStatus(wamid, "sent");
        assertThat(sentContact.path("user_id").asText()).isEqualTo(bsuid);
        assertThat(sentContact.path("wa_id").asText()).isEqualTo(phone.substring(1));
        assertThat(sentContact.has("profile")).isFalse();
        assertThat(contactOfStatus(wamid, "delivered").path("profile").path("username").asText()).isEqualTo("ana.k");
        assertThat(contactOfStatus(wamid, "read").path("profile").path("username").asText()).isEqualTo("ana.k");
    }

    @Test
    void authenticationTemplateToABsuidIsRefusedWith131062() {
        String bsuid = userIdOf(freshBrazilian());

        send(byBsuid(template(bsuid, "otp_code", "en_US", null, "123456"))).then()
                .statusCode(400)
                .body("error.code", equalTo(131062))
                .body("error.message", equalTo("(#131062) BSUID recipients are not supported for this message"));
    }

    @Test
    void bsuidThatBelongsToNobodyIsAcceptedThenFailsWith131026() {
        String nobody = "US.00000000000000000042";

        String wamid = send(byBsuid(orderUpdate(nobody, "nobody"))).then()
                .statusCode(200).body("contacts[0].user_id", equalTo(nobody)).extract().path("messages[0].id");

        JsonNode failed = awaitSingleStatus(wamid);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("errors").get(0).path("code").asInt()).isEqualTo(131026);
        assertThat(failed.path("recipient_user_id").asText()).isEqualTo(nobody);
        assertThat(failed.has("recipient_id")).isFalse();
    }

    @Test
    void bsuidIsScopedToItsWaba() {
        String phone = freshBrazilian();
        String defaultWabaBsuid = userIdOf(phone);
        String otherWabaBsuid = given().get("/sim/users/{id}", phone).then().extract()
                .path("userIds.'" + OTHER_WABA + "'");

        String wrongWaba = send(OTHER_WABA_NUMBER, byBsuid(orderUpdate(defaultWabaBsuid, "wrong-waba"))).then()
                .statusCode(200).extract().path("messages[0].id");
        String rightWaba = send(OTHER_WABA_NUMBER, byBsuid(orderUpdate(otherWabaBsuid, "right-waba"))).then()
                .statusCode(200).extract().path("messages[0].id");

        assertThat(awaitSingleStatus(wrongWaba).path("errors").get(0).path("code").asInt()).isEqualTo(131026);
        await().atMost(PATIENCE).until(() -> receiver.statusesOf(rightWaba).size() == 3);
        assertThat(receiver.statusesOf(rightWaba)).extracting(status -> status.path("recipient_user_id").asText())
                .containsOnly(otherWabaBsuid);
    }

    @Test
    void toWinsWhenARequestHasBothToAndRecipient() {
        String phone = freshBrazilian();
        String someoneElse = userIdOf(freshBrazilian());
        String body = orderUpdate(phone, "both").replaceFirst("\"to\":", "\"recipient\":\"" + someoneElse + "\",\"to\":");

        send(body).then().statusCode(200)
                .body("contacts[0].input", equalTo(phone))
                .body("contacts[0].wa_id", equalTo(phone.substring(1)))
                .body("contacts[0]", not(hasKey("user_id")));
        given().queryParam("recipient", someoneElse).get("/sim/ledger").then().body("", hasSize(0));
    }

    @Test
    void usernameUsersPhoneIsWithheldUntilTheBusinessSendsToThatPhone() {
        String phone = freshBrazilian();
        String bsuid = setProfile(phone, "{\"username\":\"ana.k\",\"name\":\"Ana\",\"inContactBook\":false}");

        String first = userWrites(phone, NUMBER, "hello");
        await().atMost(PATIENCE).until(() -> inboundWith(first) != null);
        JsonNode withheld = inboundWith(first);
        JsonNode contact = withheld.path("contacts").get(0);
        assertThat(contact.has("wa_id")).isFalse();
        assertThat(contact.path("user_id").asText()).isEqualTo(bsuid);
        assertThat(contact.path("profile").path("name").asText()).isEqualTo("Ana");
        assertThat(contact.path("profile").path("username").asText()).isEqualTo("ana.k");
        assertThat(withheld.path("messages").get(0).has("from")).isFalse();
        assertThat(withheld.path("messages").get(0).path("from_user_id").asText()).isEqualTo(bsuid);

        accepted(orderUpdate(phone, "reply"));

        String second = userWrites(bsuid, NUMBER, "thanks");
        await().atMost(PATIENCE).until(() -> inboundWith(second) != null);
        JsonNode shown = inboundWith(second);
        assertThat(shown.path("contacts").get(0).path("wa_id").asText()).isEqualTo(phone.substring(1));
        assertThat(shown.path("messages").get(0).path("from").asText()).isEqualTo(phone.substring(1));
        assertThat(shown.path("messages").get(0).path("from_user_id").asText()).isEqualTo(bsuid);
    }

    @Test
    void numberChangeTellsEveryNumberTheUserTalkedToWithASystemMessage() {
        String oldPhone = freshBrazilian();
        String newPhone = freshBrazilian();
        String oldBsuid = userIdOf(oldPhone);
        userWrites(oldPhone, NUMBER, "hi");

        String newBsuid = given().contentType(ContentType.JSON).body("{\"newPhone\":\"" + newPhone + "\"}")
                .post("/sim/users/{id}/number-change", oldPhone).then()
                .statusCode(200)
                .body("phone", equalTo(newPhone))
                .body("userId", not(equalTo(oldBsuid)))
                .extract().path("userId");

        await().atMost(PATIENCE).until(() -> systemMessageFrom(oldBsuid) != null);
        JsonNode value = systemMessageFrom(oldBsuid);
        assertThat(value.has("contacts")).isFalse();
        assertThat(value.path("metadata").path("phone_number_id").asText()).isEqualTo(NUMBER);
        JsonNode message = value.path("messages").get(0);
        assertThat(message.path("from").asText()).isEqualTo(oldPhone.substring(1));
        assertThat(message.path("id").asText()).startsWith("wamid.");
        assertThat(message.path("system").path("type").asText()).isEqualTo("user_changed_number");
        assertThat(message.path("system").path("wa_id").asText()).isEqualTo(newPhone.substring(1));
        assertThat(message.path("system").path("user_id").asText()).isEqualTo(newBsuid);
        assertThat(message.path("system").path("body").asText())
                .isEqualTo("User Simulated User changed from " + oldPhone.substring(1) + " to " + newPhone.substring(1));
        given().get("/sim/users/{id}", oldBsuid).then().statusCode(404);
        String toOldBsuid = send(byBsuid(orderUpdate(oldBsuid, "old-id"))).then().statusCode(200)
                .extract().path("messages[0].id");
        assertThat(awaitSingleStatus(toOldBsuid).path("errors").get(0).path("code").asInt()).isEqualTo(131026);
    }

    @Test
    void numberChangeOfAUserWhosePhoneIsWithheldReportsOnlyTheNewBsuid() {
        String oldPhone = freshBrazilian();
        String oldBsuid = setProfile(oldPhone, "{\"username\":\"bia\",\"name\":\"Bia\",\"inContactBook\":false}");
        userWrites(oldPhone, NUMBER, "hi");

        String newBsuid = given().contentType(ContentType.JSON).body("{\"newPhone\":\"" + freshBrazilian() + "\"}")
                .post("/sim/users/{id}/number-change", oldBsuid).then().statusCode(200).extract().path("userId");

        await().atMost(PATIENCE).until(() -> systemMessageFrom(oldBsuid) != null);
        JsonNode message = systemMessageFrom(oldBsuid).path("messages").get(0);
        assertThat(message.has("from")).isFalse();
        assertThat(message.path("system").path("type").asText()).isEqualTo("user_changed_user_id");
        assertThat(message.path("system").has("wa_id")).isFalse();
        assertThat(message.path("system").path("user_id").asText()).isEqualTo(newBsuid);
    }

    @Test
    void marketingStopMakesMarketingTemplatesFailWith131050ByPhoneAndByBsuidUntilResumed() {
        String phone = freshBrazilian();
        String bsuid = userIdOf(phone);

        given().contentType(ContentType.JSON).body("{\"to\":\"" + NUMBER + "\",\"value\":\"stop\"}")
                .post("/sim/users/{id}/preferences", phone).then()
                .statusCode(200).body("marketingStopped", hasSize(1));

        await().atMost(PATIENCE).until(() -> !receiver.changesOf("user_preferences").isEmpty());
        JsonNode value = receiver.changesOf("user_preferences").get(0).path("value");
        assertThat(value.path("metadata").path("phone_number_id").asText()).isEqualTo(NUMBER);
        assertThat(value.path("contacts").get(0).path("user_id").asText()).isEqualTo(bsuid);
        assertThat(value.path("contacts").get(0).path("wa_id").asText()).isEqualTo(phone.substring(1));
        JsonNode preference = value.path("user_preferences").get(0);
        assertThat(preference.path("user_id").asText()).isEqualTo(bsuid);
        assertThat(preference.path("category").asText()).isEqualTo("marketing_messages");
        assertThat(preference.path("value").asText()).isEqualTo("stop");
        assertThat(preference.path("timestamp").isIntegralNumber()).isTrue();

        String byPhone = accepted(template(phone, "promo_offer", "en_US", null, "SPRING20"));
        String byId = send(SAME_WABA_NUMBER, byBsuid(template(bsuid, "promo_offer", "en_US", null, "SPRING20"))).then()
                .statusCode(200).extract().path("messages[0].id");
        JsonNode failedByPhone = awaitSingleStatus(byPhone);
        assertThat(failedByPhone.path("errors").get(0).path("code").asInt()).isEqualTo(131050);
        assertThat(failedByPhone.path("recipient_id").asText()).isEqualTo(phone.substring(1));
        assertThat(failedByPhone.has("recipient_user_id")).isFalse();
        JsonNode failedById = awaitSingleStatus(byId);
        assertThat(failedById.path("errors").get(0).path("code").asInt()).isEqualTo(131050);
        assertThat(failedById.path("recipient_user_id").asText()).isEqualTo(bsuid);

        given().contentType(ContentType.JSON).body("{\"to\":\"" + NUMBER + "\",\"value\":\"resume\"}")
                .post("/sim/users/{id}/preferences", bsuid).then()
                .statusCode(200).body("marketingStopped", hasSize(0));
        String resumed = send(THIRD_NUMBER, template(phone, "promo_offer", "en_US", null, "SPRING20")).then()
                .statusCode(200).extract().path("messages[0].id");
        await().atMost(PATIENCE).until(() -> receiver.statusesOf(resumed).size() == 3);
        assertThat(receiver.statusesOf(resumed)).extracting(status -> status.path("status").asText())
                .containsExactly("sent", "delivered", "read");
    }

    @Test
    void ledgerListsEveryMessageToAPersonByPhoneOrByBsuidAndThePairLimitIsPerPerson() {
        String phone = freshBrazilian();
        String bsuid = userIdOf(phone);

        String byPhone = accepted(orderUpdate(phone, "ledger-phone"));
        send(byBsuid(orderUpdate(bsuid, "ledger-too-soon"))).then().statusCode(400).body("error.code", equalTo(131056));
        String byId = send(SAME_WABA_NUMBER, byBsuid(orderUpdate(bsuid, "ledger-bsuid"))).then()
                .statusCode(200).extract().path("messages[0].id");

        for (String id : List.of(phone, bsuid)) {
            given().queryParam("recipient", id).get("/sim/ledger").then()
                    .statusCode(200)
                    .body("", hasSize(2))
                    .body("[0].wamid", equalTo(byPhone))
                    .body("[0].to", equalTo(phone))
                    .body("[0].recipient", nullValue())
                    .body("[1].wamid", equalTo(byId))
                    .body("[1].to", nullValue())
                    .body("[1].recipient", equalTo(bsuid))
                    .body("[1].phoneNumberId", equalTo(SAME_WABA_NUMBER));
        }
        given().queryParam("recipient", "ana.k").get("/sim/ledger").then().statusCode(400);
    }

    private static String userIdOf(String phone) {
        return given().get("/sim/users/{id}", phone).then().statusCode(200).extract().path("userId");
    }

    private static String setProfile(String phone, String body) {
        return given().contentType(ContentType.JSON).body(body).put("/sim/users/{id}/profile", phone).then()
                .statusCode(200).extract().path("userId");
    }

    private static String userWrites(String id, String phoneNumberId, String text) {
        return given().contentType(ContentType.JSON).body("{\"to\":\"" + phoneNumberId + "\",\"text\":\"" + text + "\"}")
                .post("/sim/users/{id}/messages", id).then().statusCode(200).extract().path("wamid");
    }

    private JsonNode awaitSingleStatus(String wamid) {
        await().atMost(PATIENCE).until(() -> !receiver.statusesOf(wamid).isEmpty());
        List<JsonNode> statuses = receiver.statusesOf(wamid);
        assertThat(statuses).hasSize(1);
        return statuses.get(0);
    }

    /** The contact in the POST that reported {@code wamid} as {@code status}. */
    private JsonNode contactOfStatus(String wamid, String status) {
        JsonNode value = messagesValue(candidate -> {
            for (JsonNode reported : candidate.path("statuses")) {
                if (wamid.equals(reported.path("id").asText()) && status.equals(reported.path("status").asText())) {
                    return true;
                }
            }
            return false;
        });
        assertThat(value).as("the POST with the %s status", status).isNotNull();
        String userId = receiver.statusesOf(wamid).get(0).path("recipient_user_id").asText();
        for (JsonNode contact : value.path("contacts")) {
            if (userId.equals(contact.path("user_id").asText())) {
                return contact;
            }
        }
        throw new AssertionError("no contact for " + userId + " in " + value);
    }

    private JsonNode inboundWith(String wamid) {
        return messagesValue(value -> wamid.equals(value.path("messages").path(0).path("id").asText()));
    }

    private JsonNode systemMessageFrom(String oldBsuid) {
        return messagesValue(value -> "system".equals(value.path("messages").path(0).path("type").asText())
                && oldBsuid.equals(value.path("messages").path(0).path("from_user_id").asText()));
    }

    private JsonNode messagesValue(Predicate<JsonNode> matches) {
        return receiver.changesOf("messages").stream().map(change -> change.path("value")).filter(matches)
                .filter(Objects::nonNull).findFirst().orElse(null);
    }
}
