package dev.safesend.consent.messaging;

import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.consent.ConsentState;
import dev.safesend.schemas.message.InboundMessageReceived;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import static dev.safesend.consent.TestEvents.bootstrap;
import static dev.safesend.consent.TestEvents.failed;
import static dev.safesend.consent.TestEvents.newBsuid;
import static dev.safesend.consent.TestEvents.newPhone;
import static dev.safesend.consent.TestEvents.publish;
import static dev.safesend.consent.TestEvents.text;
import static dev.safesend.consent.TestEvents.textFrom;
import static dev.safesend.consent.TestEvents.token;
import static dev.safesend.consent.TestEvents.userPreference;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * {@code ConsentChanged.senderId} and {@code optedOut}, from which health-monitor counts opt-outs per business number:
 * each source's sender, and exactly the categories each change moved to OPTED_OUT, never a category twice. No project
 * maps a sender id here, so a keyword or Meta signal applies to every project of the phone and the default one.
 */
@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class ConsentChangeOptOutsComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String INBOUND = Topics.INBOUND_MESSAGES.topicName();
    private static final List<Category> EVERY_CATEGORY = List.of(Category.MARKETING, Category.UTILITY, Category.AUTHENTICATION);

    /** A business number (Meta phone-number-id) of this test alone. */
    private static String newSenderId() {
        return "1109" + (100_000_000_000L + ThreadLocalRandom.current().nextLong(899_999_999_999L));
    }

    /** Every ConsentChanged of the key seen so far, in order (one key, one partition), once {@code count} match. */
    private static List<ConsentChanged> changesOf(TopicProbe probe, String key, Predicate<ConsentChanged> match, int count) {
        probe.await(r -> r.value() instanceof ConsentChanged c && c.getPhone().equals(key) && match.test(c), count, WAIT);
        return probe.await(r -> r.value() instanceof ConsentChanged c && c.getPhone().equals(key), 1, Duration.ZERO).stream()
                .map(ConsumerRecord::value).map(ConsentChanged.class::cast).toList();
    }

    private static ConsentChanged change(TopicProbe probe, String key, Predicate<ConsentChanged> match) {
        List<ConsumerRecord<String, SpecificRecord>> records = probe.await(r -> r.value() instanceof ConsentChanged c
                && c.getPhone().equals(key) && match.test(c), 1, WAIT);
        ConsumerRecord<String, SpecificRecord> last = records.get(records.size() - 1);
        assertThat(last.key()).isEqualTo(key);
        return (ConsentChanged) last.value();
    }

    private static void grantEverything(String id, String project) {
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"project\":\"" + project + "\",\"state\":\"OPTED_IN\",\"evidence\":{\"source\":\"WEB_FORM\",\"proof\":\"form 42\"}}")
                .when().post("/v1/contacts/{p}/consent", id).then().statusCode(200);
    }

    private static InboundMessageReceived keyword(String phone, String senderId, String word, Instant at) {
        InboundMessageReceived m = text(phone, word, at);
        m.setSenderId(senderId);
        return m;
    }

    @Test
    void aStopWrittenToANumberCarriesThatNumberAndEveryCategoryTheKeywordOptedOut() {
        String phone = newPhone();
        String number = newSenderId();
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName())) {
            grantEverything(phone, "default");
            ConsentChanged granted = change(changes, phone, c -> "WEB_FORM".equals(c.getSource()));
            assertThat(granted.getSenderId()).isNull();
            assertThat(granted.getOptedOut()).isEmpty();

            publish(INBOUND, phone.substring(1), keyword(phone, number, "STOP", Instant.now()));

            ConsentChanged stop = change(changes, phone, c -> "KEYWORD".equals(c.getSource()));
            assertThat(stop.getSenderId()).isEqualTo(number);
            assertThat(stop.getOptedOut()).containsExactlyElementsOf(EVERY_CATEGORY);
        }
    }

    @Test
    void aRepeatedStopOptsNobodyOutAgainAndTheStartAfterItCarriesItsNumberAndNoOptOut() {
        String phone = newPhone();
        String number = newSenderId();
        Instant t = Instant.now().minusSeconds(10);
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName())) {
            publish(INBOUND, phone.substring(1), keyword(phone, number, "STOP", t));
            ConsentChanged first = change(changes, phone, c -> "KEYWORD".equals(c.getSource()));
            assertThat(first.getOptedOut()).containsExactlyElementsOf(EVERY_CATEGORY);

            // same key, same partition: the second STOP is applied (and anything it publishes is published) before the START
            publish(INBOUND, phone.substring(1), keyword(phone, number, "STOP", t.plusSeconds(1)));
            publish(INBOUND, phone.substring(1), keyword(phone, number, "START", t.plusSeconds(2)));

            List<ConsentChanged> all = changesOf(changes, phone, c -> c.getMarketing() == ConsentState.OPTED_IN, 1);
            assertThat(all).as("the STOP, then only the START: the repeated STOP changed and published nothing").hasSize(2);
            ConsentChanged start = all.get(1);
            assertThat(start.getVersion()).isGreaterThan(first.getVersion());
            assertThat(start.getSenderId()).isEqualTo(number);
            assertThat(start.getOptedOut()).isEmpty();
            given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}/consent", phone).then().statusCode(200)
                    .body("history.findAll { it.state == 'OPTED_OUT' }", hasSize(3));
        }
    }

    @Test
    void aUserPreferencesStopCarriesItsNumberAndMarketingAndAStopAfterItListsOnlyTheCategoriesStillOpen() {
        String phone = newPhone();
        String app = newSenderId();
        String keywordNumber = newSenderId();
        grantEverything(phone, "default");
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName())) {
            var preference = userPreference(phone, "stop");
            preference.setSenderId(app);
            publish(Topics.ACCOUNT_EVENTS.topicName(), "waba-1", preference);
            ConsentChanged stopped = change(changes, phone, c -> "USER_PREFERENCES".equals(c.getSource()));
            assertThat(stopped.getSenderId()).isEqualTo(app);
            assertThat(stopped.getOptedOut()).containsExactly(Category.MARKETING);

            publish(INBOUND, phone.substring(1), keyword(phone, keywordNumber, "STOP", Instant.now()));
            ConsentChanged stop = change(changes, phone, c -> "KEYWORD".equals(c.getSource()));
            assertThat(stop.getSenderId()).isEqualTo(keywordNumber);
            assertThat(stop.getOptedOut()).containsExactly(Category.UTILITY, Category.AUTHENTICATION);
        }
    }

    @Test
    void a131050FailureCarriesTheNumberTheMessageWasSentFromAndMarketing() {
        String phone = newPhone();
        String number = newSenderId();
        grantEverything(phone, "default");
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName())) {
            var failure = failed(phone, 131050);
            failure.setSenderId(number);
            publish(Topics.MESSAGE_EVENTS.topicName(), failure.getMessageId(), failure);
            ConsentChanged change = change(changes, phone, c -> "META_131050".equals(c.getSource()));
            assertThat(change.getSenderId()).isEqualTo(number);
            assertThat(change.getOptedOut()).containsExactly(Category.MARKETING);
        }
    }

    @Test
    void anAdminRevokeThroughTheApiCarriesNoNumberAndTheRevokedCategory() {
        String phone = newPhone();
        grantEverything(phone, "default");
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName())) {
            given().auth().oauth2(token("admin")).contentType(ContentType.JSON)
                    .body("{\"state\":\"OPTED_OUT\",\"categories\":[\"UTILITY\"],\"evidence\":{\"source\":\"ADMIN\",\"proof\":\"ticket 7\"}}")
                    .when().post("/v1/contacts/{p}/consent", phone).then().statusCode(200);
            ConsentChanged revoked = change(changes, phone, c -> "ADMIN".equals(c.getSource()));
            assertThat(revoked.getSenderId()).isNull();
            assertThat(revoked.getOptedOut()).containsExactly(Category.UTILITY);
            assertThat(revoked.getMarketing()).isEqualTo(ConsentState.OPTED_IN);
        }
    }

    @Test
    void anEraseCarriesNoNumberAndListsTheCategoriesItOptedOut() {
        String phone = newPhone();
        grantEverything(phone, "default");
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON)
                .body("{\"state\":\"OPTED_OUT\",\"categories\":[\"MARKETING\"],\"evidence\":{\"source\":\"ADMIN\",\"proof\":\"ticket 8\"}}")
                .when().post("/v1/contacts/{p}/consent", phone).then().statusCode(200);
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName())) {
            given().auth().oauth2(token("admin")).when().delete("/v1/contacts/{p}", phone).then().statusCode(204);
            ConsentChanged erased = change(changes, phone, ConsentChanged::getErased);
            assertThat(erased.getSenderId()).isNull();
            assertThat(erased.getOptedOut()).containsExactly(Category.UTILITY, Category.AUTHENTICATION);
        }
    }

    @Test
    void anImportReportsItsRowsOptOutsWithoutANumberAndNoneForItsOptIns() {
        String leaving = newPhone();
        String joining = newPhone();
        grantEverything(leaving, "default");
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName())) {
            String id = given().urlEncodingEnabled(false).auth().oauth2(token("operator")).contentType("text/csv")
                    .body("phone,marketing,utility,consentProof\n" + leaving + ",opt_out,,\n" + joining + ",opt_in,opt_in,form 5\n")
                    .when().post("/v1/contacts:import").then().statusCode(202).extract().path("id");
            ConsentChanged left = change(changes, leaving, c -> "IMPORT".equals(c.getSource()));
            assertThat(left.getOptedOut()).containsExactly(Category.MARKETING);
            assertThat(left.getSenderId()).isNull();
            ConsentChanged joined = change(changes, joining, c -> "IMPORT".equals(c.getSource()));
            assertThat(joined.getOptedOut()).isEmpty();
            await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("viewer")).when().get("/v1/imports/{id}", id)
                    .then().statusCode(200).body("status", equalTo("COMPLETED")));
        }
    }

    @Test
    void aStopFromANumberOfNoProjectReportsTheOptOutsOfEachProjectItReachedInThatProjectsRecord() {
        // one transaction changes both projects at two versions: the first is superseded by the second before the relay
        // reads it, and is still published because its opt-outs are its own
        String phone = newPhone();
        String number = newSenderId();
        grantEverything(phone, "default");
        grantEverything(phone, "shop");
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName())) {
            publish(INBOUND, phone.substring(1), keyword(phone, number, "STOP", Instant.now()));
            List<ConsentChanged> stops = changesOf(changes, phone, c -> "KEYWORD".equals(c.getSource()), 2).stream()
                    .filter(c -> "KEYWORD".equals(c.getSource())).toList();
            assertThat(stops).extracting(ConsentChanged::getProject).containsExactlyInAnyOrder("default", "shop");
            assertThat(stops).allSatisfy(c -> {
                assertThat(c.getSenderId()).isEqualTo(number);
                assertThat(c.getOptedOut()).containsExactlyElementsOf(EVERY_CATEGORY);
                assertThat(c.getProjects().get("default").getMarketing()).isEqualTo(ConsentState.OPTED_OUT);
                assertThat(c.getProjects().get("shop").getMarketing()).isEqualTo(ConsentState.OPTED_OUT);
            });
        }
    }

    @Test
    void aMergeThatAdoptsAnotherContactsOptOutDoesNotReportItAgain() {
        String bsuid = newBsuid();
        String phone = newPhone();
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName())) {
            grantEverything(phone, "default");
            change(changes, phone, c -> c.getMarketing() == ConsentState.OPTED_IN);
            InboundMessageReceived stop = textFrom(null, bsuid, "STOP", Instant.now());
            publish(INBOUND, bsuid, stop);
            assertThat(change(changes, bsuid, c -> "KEYWORD".equals(c.getSource())).getOptedOut())
                    .as("the person's STOP, reported once").containsExactlyElementsOf(EVERY_CATEGORY);

            publish(INBOUND, bsuid, textFrom(phone, bsuid, "ok", Instant.now().plusSeconds(1)));

            // the phone's contact adopts the STOP (three ledger entries), then is republished with the BSUID: every record
            // of the merge is published before that one, so all of them are seen by now
            List<ConsentChanged> ofPhone = changesOf(changes, phone, c -> c.getAddresses().contains(bsuid), 1);
            assertThat(ofPhone.get(ofPhone.size() - 1).getMarketing()).isEqualTo(ConsentState.OPTED_OUT);
            assertThat(ofPhone).allSatisfy(c -> assertThat(c.getOptedOut()).as(c.getSource()).isEmpty());
        }
    }
}
