package dev.safesend.consent.messaging;

import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.consent.ConsentState;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.SendRequest;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.PostgresOutage;
import dev.safesend.testsupport.SafesendInfraResource;
import dev.safesend.testsupport.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import jakarta.inject.Inject;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;

import static dev.safesend.consent.TestEvents.bootstrap;
import static dev.safesend.consent.TestEvents.failed;
import static dev.safesend.consent.TestEvents.newPhone;
import static dev.safesend.consent.TestEvents.publish;
import static dev.safesend.consent.TestEvents.publishRaw;
import static dev.safesend.consent.TestEvents.status;
import static dev.safesend.consent.TestEvents.text;
import static dev.safesend.consent.TestEvents.token;
import static dev.safesend.consent.TestEvents.userPreference;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class ConsentSignalsComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String INBOUND = Topics.INBOUND_MESSAGES.topicName();

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Inject
    AgroalDataSource dataSource;

    private static Predicate<ConsumerRecord<String, SpecificRecord>> changeOf(String phone) {
        return r -> r.value() instanceof ConsentChanged c && c.getPhone().equals(phone);
    }

    private static ConsentChanged lastChange(TopicProbe probe, String phone, Predicate<ConsentChanged> match) {
        List<ConsumerRecord<String, SpecificRecord>> records = probe.await(r -> changeOf(phone).test(r) && match.test((ConsentChanged) r.value()), 1, WAIT);
        ConsumerRecord<String, SpecificRecord> last = records.get(records.size() - 1);
        assertThat(last.key()).isEqualTo(phone);
        return (ConsentChanged) last.value();
    }

    private static void grantEverything(String phone) {
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"state\":\"OPTED_IN\",\"evidence\":{\"source\":\"WEB_FORM\",\"proof\":\"form 42 from 203.0.113.9\"}}")
                .when().post("/v1/contacts/{p}/consent", phone).then().statusCode(200);
    }

    @Test
    void stopKeywordsInEveryLanguageAndCaseOptTheWriterOutOfEveryCategoryAndRequestAConfirmation() {
        List<String> variants = List.of("STOP", "Stop!", " unsubscribe ", "Parar", "arrêt", "BAJA", "opt out");
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName());
             TopicProbe replies = TopicProbe.atEnd(bootstrap(), Topics.SEND_REQUESTS.topicName())) {
            for (String word : variants) {
                String phone = newPhone();
                grantEverything(phone);
                publish(INBOUND, phone.substring(1), text(phone, word, Instant.now()));
                ConsentChanged change = lastChange(changes, phone, c -> "KEYWORD".equals(c.getSource()));
                assertThat(List.of(change.getMarketing(), change.getUtility(), change.getAuthentication())).as(word)
                        .containsOnly(ConsentState.OPTED_OUT);
                assertThat(change.getProjects().get("default").getMarketing()).isEqualTo(ConsentState.OPTED_OUT);
                SendRequest reply = (SendRequest) replies.await(r -> r.value() instanceof SendRequest s && s.getRecipient().equals(phone), 1, WAIT)
                        .get(0).value();
                assertThat(reply.getCategory()).isEqualTo(Category.SERVICE);
                assertThat(reply.getText().getBody()).isNotBlank();
            }
        }
    }

    @Test
    void startAfterStopOptsTheWriterBackInWithTheMessageAsEvidenceAndAHigherVersion() {
        String phone = newPhone();
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName())) {
            publish(INBOUND, phone.substring(1), text(phone, "stop", Instant.now().minusSeconds(5)));
            ConsentChanged out = lastChange(changes, phone, c -> c.getMarketing() == ConsentState.OPTED_OUT);
            InboundMessageReceived start = text(phone, "Start", Instant.now());
            publish(INBOUND, phone.substring(1), start);
            ConsentChanged in = lastChange(changes, phone, c -> c.getMarketing() == ConsentState.OPTED_IN);
            assertThat(in.getVersion()).isGreaterThan(out.getVersion());
            assertThat(List.of(in.getUtility(), in.getAuthentication())).containsOnly(ConsentState.OPTED_IN);
            given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}/consent", phone).then().statusCode(200)
                    .body("current.default.MARKETING", equalTo("OPTED_IN"))
                    .body("history", hasSize(6))
                    .body("history[5].source", equalTo("KEYWORD"))
                    .body("history[5].proof", org.hamcrest.Matchers.containsString(start.getWamid()));
        }
    }

    @Test
    void aRedeliveredStopHasOneEffect() {
        String phone = newPhone();
        InboundMessageReceived stop = text(phone, "STOP", Instant.now().minusSeconds(10));
        Instant later = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (TopicProbe replies = TopicProbe.atEnd(bootstrap(), Topics.SEND_REQUESTS.topicName())) {
            publish(INBOUND, phone.substring(1), stop);
            publish(INBOUND, phone.substring(1), stop);
            publish(INBOUND, phone.substring(1), text(phone, "thanks", later)); // same key, same partition: processed after both
            await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}", phone)
                    .then().statusCode(200).body("lastInboundAt", equalTo(later.toString())));
            given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}/consent", phone).then().body("history", hasSize(3));
            assertThat(replies.drain(Duration.ofSeconds(2)).stream().filter(r -> r.key().equals("consent-reply-" + stop.getEventId())))
                    .hasSize(1);
        }
    }

    @Test
    void aPoisonInboundRecordIsDeadLetteredWithItsReasonAndTheNextOneIsProcessed() {
        assertPoisonIsDeadLettered(INBOUND, Topics.INBOUND_MESSAGES.dlqName(), () -> {
            String phone = newPhone();
            publish(INBOUND, phone.substring(1), text(phone, "STOP", Instant.now()));
            return phone;
        });
    }

    @Test
    void userPreferencesStopAffectsMarketingOnly() {
        String phone = newPhone();
        grantEverything(phone);
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName())) {
            publish(Topics.ACCOUNT_EVENTS.topicName(), "waba-1", userPreference(phone, "stop"));
            ConsentChanged change = lastChange(changes, phone, c -> "USER_PREFERENCES".equals(c.getSource()));
            assertThat(change.getMarketing()).isEqualTo(ConsentState.OPTED_OUT);
            assertThat(change.getUtility()).isEqualTo(ConsentState.OPTED_IN);
            assertThat(change.getAuthentication()).isEqualTo(ConsentState.OPTED_IN);
            publish(Topics.ACCOUNT_EVENTS.topicName(), "waba-1", userPreference(phone, "resume"));
            ConsentChanged resumed = lastChange(changes, phone, c -> c.getMarketing() == ConsentState.OPTED_IN && c.getVersion() > change.getVersion());
            assertThat(resumed.getSource()).isEqualTo("USER_PREFERENCES");
        }
    }

    @Test
    void aRedeliveredUserPreferenceHasOneEffect() {
        String phone = newPhone();
        grantEverything(phone);
        var stop = userPreference(phone, "stop");
        publish(Topics.ACCOUNT_EVENTS.topicName(), "waba-1", stop);
        publish(Topics.ACCOUNT_EVENTS.topicName(), "waba-1", stop);
        publish(Topics.ACCOUNT_EVENTS.topicName(), "waba-1", userPreference(phone, "resume"));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}/consent", phone)
                .then().body("history.findAll { it.source == 'USER_PREFERENCES' }", hasSize(2))
                .body("current.default.MARKETING", equalTo("OPTED_IN")));
    }

    @Test
    void aPoisonAccountEventIsDeadLetteredWithItsReason() {
        assertPoisonIsDeadLettered(Topics.ACCOUNT_EVENTS.topicName(), Topics.ACCOUNT_EVENTS.dlqName(), () -> {
            String phone = newPhone();
            publish(Topics.ACCOUNT_EVENTS.topicName(), "waba-1", userPreference(phone, "stop"));
            return phone;
        });
    }

    @Test
    void a131050FailureBecomesAMarketingOptOutWithThatSource() {
        String phone = newPhone();
        grantEverything(phone);
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName())) {
            var failure = failed(phone, 131050);
            publish(Topics.MESSAGE_EVENTS.topicName(), failure.getMessageId(), failure);
            publish(Topics.MESSAGE_EVENTS.topicName(), failure.getMessageId(), failure); // redelivered
            ConsentChanged change = lastChange(changes, phone, c -> "META_131050".equals(c.getSource()));
            assertThat(change.getMarketing()).isEqualTo(ConsentState.OPTED_OUT);
            assertThat(change.getUtility()).isEqualTo(ConsentState.OPTED_IN);
            var other = failed(phone, 131026);
            publish(Topics.MESSAGE_EVENTS.topicName(), other.getMessageId(), other);
            Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            var sent = status(phone, MessageStatus.SENT, null, sentAt);
            publish(Topics.MESSAGE_EVENTS.topicName(), failure.getMessageId(), sent);
            await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}", phone)
                    .then().body("lastContactedAt", equalTo(sentAt.toString())));
            given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}/consent", phone)
                    .then().body("history.findAll { it.source == 'META_131050' }", hasSize(1));
        }
    }

    @Test
    void aPoisonMessageEventIsDeadLetteredWithItsReason() {
        assertPoisonIsDeadLettered(Topics.MESSAGE_EVENTS.topicName(), Topics.MESSAGE_EVENTS.dlqName(), () -> {
            String phone = newPhone();
            var f = failed(phone, 131050);
            publish(Topics.MESSAGE_EVENTS.topicName(), f.getMessageId(), f);
            return phone;
        });
    }

    private static void assertPoisonIsDeadLettered(String topic, String dlqTopic, java.util.function.Supplier<String> thenAValidOne) {
        String key = "poison-" + java.util.UUID.randomUUID();
        try (TopicProbe dlq = TopicProbe.atEnd(bootstrap(), dlqTopic)) {
            publishRaw(topic, key, "{\"not\":\"avro\"}");
            String phone = thenAValidOne.get();
            await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}", phone)
                    .then().statusCode(200));
            var dead = dlq.awaitRaw(r -> key.equals(r.key()), 1, WAIT).get(0);
            assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains("not Avro single-object encoded");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\":\"avro\"}");
        }
    }

    @Test
    void aBurstOfKeywordsIsAppliedInOrderPerPersonAndEveryKeywordIsConfirmedOnce() {
        List<String> people = java.util.stream.IntStream.range(0, 60).mapToObj(i -> newPhone()).toList();
        String changesMind = newPhone();
        Instant t = Instant.now().minusSeconds(30);
        List<InboundMessageReceived> keywords = List.of(text(changesMind, "STOP", t), text(changesMind, "START", t.plusSeconds(1)),
                text(changesMind, "STOP", t.plusSeconds(2)));
        people.forEach(ConsentSignalsComponentTest::grantEverything);
        try (TopicProbe replies = TopicProbe.atEnd(bootstrap(), Topics.SEND_REQUESTS.topicName())) {
            for (int i = 0; i < people.size(); i++) { // published back to back, so the consumer takes them in batches
                publish(INBOUND, people.get(i).substring(1), text(people.get(i), "STOP", t));
                if (i < keywords.size()) {
                    publish(INBOUND, changesMind.substring(1), keywords.get(i));
                }
            }
            for (String phone : people) {
                await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}/consent", phone)
                        .then().statusCode(200).body("current.default.MARKETING", equalTo("OPTED_OUT"))
                        .body("current.default.UTILITY", equalTo("OPTED_OUT")));
            }
            await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}/consent", changesMind)
                    .then().statusCode(200).body("current.default.MARKETING", equalTo("OPTED_OUT"))
                    .body("history.findAll { it.category == 'MARKETING' }.state", equalTo(List.of("OPTED_OUT", "OPTED_IN", "OPTED_OUT"))));
            List<String> replied = replies.await(r -> r.value() instanceof SendRequest, people.size() + keywords.size(), WAIT).stream()
                    .map(ConsumerRecord::key).toList();
            assertThat(replied).doesNotHaveDuplicates()
                    .containsAll(keywords.stream().map(k -> "consent-reply-" + k.getEventId()).toList());
        }
    }

    @Test
    void aRecordThatFailsOnItsOwnIsDeadLetteredAloneAndTheRestOfItsBatchIsApplied() {
        String before = newPhone();
        String after = newPhone();
        grantEverything(before);
        grantEverything(after);
        InboundMessageReceived unreadable = text("+1", "STOP", Instant.now());
        unreadable.setPhone("+1");
        unreadable.setWaId("1");
        try (TopicProbe dlq = TopicProbe.atEnd(bootstrap(), Topics.INBOUND_MESSAGES.dlqName())) {
            publish(INBOUND, before.substring(1), text(before, "STOP", Instant.now()));
            publish(INBOUND, before.substring(1), unreadable); // same partition as both neighbours
            publish(INBOUND, before.substring(1), text(after, "STOP", Instant.now()));
            for (String phone : List.of(before, after)) {
                await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}/consent", phone)
                        .then().statusCode(200).body("current.default.MARKETING", equalTo("OPTED_OUT")));
            }
            var dead = dlq.awaitRaw(r -> before.substring(1).equals(r.key()), 1, WAIT);
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)).isNotBlank();
        }
    }

    @Test
    void aStopArrivingWhileTheDatabaseKeepsDroppingItsConnectionsIsRetriedAndStoredNotDeadLettered() throws Exception {
        String phone = newPhone();
        grantEverything(phone);
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName());
             TopicProbe dead = TopicProbe.atEnd(bootstrap(), INBOUND + ".dlq");
             PostgresOutage outage = PostgresOutage.start(jdbcUrl, Duration.ofMillis(1500))) {
            // for 1.5 s every connection of the service's pool is killed as soon as it is seen (as in a PostgreSQL restart)
            publish(INBOUND, phone.substring(1), text(phone, "STOP", Instant.now()));

            ConsentChanged change = lastChange(changes, phone, c -> "KEYWORD".equals(c.getSource()));
            assertThat(change.getMarketing()).isEqualTo(ConsentState.OPTED_OUT);
            assertThat(dead.drain(Duration.ofSeconds(1)).stream().filter(r -> phone.substring(1).equals(r.key())))
                    .as("the STOP was not dead-lettered").isEmpty();
        }
        dataSource.flush(AgroalDataSource.FlushMode.INVALID); // the outage is over: no dead connection left for the next test
    }
}
