package dev.safesend.consent.messaging;

import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.consent.ConsentState;
import dev.safesend.schemas.message.SendRequest;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.SafesendInfraResource;
import dev.safesend.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static dev.safesend.consent.TestEvents.bootstrap;
import static dev.safesend.consent.TestEvents.newBsuid;
import static dev.safesend.consent.TestEvents.newPhone;
import static dev.safesend.consent.TestEvents.numberChange;
import static dev.safesend.consent.TestEvents.publish;
import static dev.safesend.consent.TestEvents.textFrom;
import static dev.safesend.consent.TestEvents.token;
import static dev.safesend.consent.TestEvents.userPreferenceOfBsuid;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Contacts known by a business-scoped user id (BSUID) as well as, or instead of, a phone: a STOP that names only the
 * BSUID, the phone learned later, two contacts found to be one person, a number change, and the REST API by BSUID.
 */
@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class ContactIdentityComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String INBOUND = Topics.INBOUND_MESSAGES.topicName();

    private static ConsentChanged change(TopicProbe probe, String key, Predicate<ConsentChanged> match) {
        List<ConsumerRecord<String, SpecificRecord>> records = probe.await(r -> r.value() instanceof ConsentChanged c
                && c.getPhone().equals(key) && match.test(c), 1, WAIT);
        ConsumerRecord<String, SpecificRecord> last = records.get(records.size() - 1);
        assertThat(last.key()).isEqualTo(key);
        return (ConsentChanged) last.value();
    }

    private static void grantEverything(String id) {
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"state\":\"OPTED_IN\",\"evidence\":{\"source\":\"WEB_FORM\",\"proof\":\"form 42 from 203.0.113.9\"}}")
                .when().post("/v1/contacts/{p}/consent", id).then().statusCode(200);
    }

    private static void currentMarketingIs(String id, String state) {
        given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}/consent", id).then().statusCode(200)
                .body("current.default.MARKETING", equalTo(state));
    }

    @Test
    void anOperatorOptsInABsuidContactAndItsStopFromAUsernameUserWithTheWithheldPhoneOptsItOut() {
        String bsuid = newBsuid();
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName());
             TopicProbe replies = TopicProbe.atEnd(bootstrap(), Topics.SEND_REQUESTS.topicName())) {
            grantEverything(bsuid);
            assertThat(change(changes, bsuid, c -> c.getMarketing() == ConsentState.OPTED_IN).getAddresses()).containsExactly(bsuid);
            publish(INBOUND, bsuid, textFrom(null, bsuid, "STOP", Instant.now()));
            ConsentChanged out = change(changes, bsuid, c -> "KEYWORD".equals(c.getSource()));
            assertThat(List.of(out.getMarketing(), out.getUtility(), out.getAuthentication())).containsOnly(ConsentState.OPTED_OUT);
            SendRequest reply = (SendRequest) replies.await(r -> r.value() instanceof SendRequest s && s.getRecipient().equals(bsuid), 1, WAIT)
                    .get(0).value();
            assertThat(reply.getText().getBody()).isNotBlank();
            currentMarketingIs(bsuid, "OPTED_OUT");
        }
    }

    @Test
    void thePhoneLearnedLaterIsLinkedToTheBsuidContactAndPublishedWithItsState() {
        String bsuid = newBsuid();
        String phone = newPhone();
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName())) {
            grantEverything(bsuid);
            publish(INBOUND, bsuid, textFrom(null, bsuid, "STOP", Instant.now().minusSeconds(5)));
            change(changes, bsuid, c -> c.getMarketing() == ConsentState.OPTED_OUT);
            publish(INBOUND, bsuid, textFrom(phone, bsuid, "hello again", Instant.now()));
            ConsentChanged linked = change(changes, bsuid, c -> "LINK".equals(c.getSource()));
            assertThat(linked.getAddresses()).containsExactlyInAnyOrder(bsuid, phone);
            assertThat(linked.getMarketing()).isEqualTo(ConsentState.OPTED_OUT);
            currentMarketingIs(phone, "OPTED_OUT"); // the API by phone finds the same contact
            given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}", phone).then().statusCode(200)
                    .body("phone", equalTo(bsuid)).body("e164", equalTo(phone)).body("userId", equalTo(bsuid))
                    .body("addresses", org.hamcrest.Matchers.containsInAnyOrder(bsuid, phone));
        }
    }

    @Test
    void aStopThatNamedOnlyTheBsuidReachesThePhoneContactOnceTheyAreFoundToBeOnePerson() {
        String bsuid = newBsuid();
        String phone = newPhone();
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName())) {
            grantEverything(phone);
            change(changes, phone, c -> c.getMarketing() == ConsentState.OPTED_IN);
            // the STOP comes after the opt-in (the newer evidence wins when the two contacts merge)
            publish(INBOUND, bsuid, textFrom(null, bsuid, "STOP", Instant.now()));
            change(changes, bsuid, c -> c.getMarketing() == ConsentState.OPTED_OUT);
            publish(INBOUND, bsuid, textFrom(phone, bsuid, "ok", Instant.now().plusSeconds(1)));
            ConsentChanged merged = change(changes, phone, c -> c.getMarketing() == ConsentState.OPTED_OUT && c.getAddresses().contains(bsuid));
            assertThat(List.of(merged.getUtility(), merged.getAuthentication())).containsOnly(ConsentState.OPTED_OUT);
            currentMarketingIs(bsuid, "OPTED_OUT");
            currentMarketingIs(phone, "OPTED_OUT");
        }
    }

    @Test
    void aUserPreferencesStopNamingOnlyTheBsuidOptsOutMarketing() {
        String bsuid = newBsuid();
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName())) {
            grantEverything(bsuid);
            publish(Topics.ACCOUNT_EVENTS.topicName(), "waba-1", userPreferenceOfBsuid(bsuid, "stop"));
            ConsentChanged out = change(changes, bsuid, c -> "USER_PREFERENCES".equals(c.getSource()));
            assertThat(out.getMarketing()).isEqualTo(ConsentState.OPTED_OUT);
            assertThat(out.getUtility()).isEqualTo(ConsentState.OPTED_IN);
        }
    }

    @Test
    void aNumberChangeMovesConsentToTheNewPhoneAndBsuid() {
        String oldPhone = newPhone();
        String oldBsuid = newBsuid();
        String newPhone = newPhone();
        String newBsuid = newBsuid();
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName())) {
            grantEverything(oldPhone);
            publish(INBOUND, oldBsuid, textFrom(oldPhone, oldBsuid, "STOP", Instant.now().minusSeconds(5)));
            change(changes, oldPhone, c -> c.getMarketing() == ConsentState.OPTED_OUT);
            publish(INBOUND, oldBsuid, numberChange(oldPhone, oldBsuid, newPhone, newBsuid));
            ConsentChanged moved = change(changes, oldPhone, c -> c.getAddresses().contains(newPhone) && c.getAddresses().contains(newBsuid));
            assertThat(moved.getMarketing()).isEqualTo(ConsentState.OPTED_OUT);
            currentMarketingIs(newPhone, "OPTED_OUT");
            currentMarketingIs(newBsuid, "OPTED_OUT");
        }
    }

    @Test
    void aContactIdThatIsNeitherAPhoneNorABsuidIsAProblem() {
        given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}", "zw.12345").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("phone"));
    }
}
