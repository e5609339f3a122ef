package dev.safesend.healthmonitor.component;

import dev.safesend.schemas.account.AccountEventReceived;
import dev.safesend.schemas.account.AccountEventType;
import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.consent.ConsentState;
import dev.safesend.schemas.health.ContactEngagementChanged;
import dev.safesend.schemas.health.EngagementState;
import dev.safesend.schemas.health.SenderHealthChanged;
import dev.safesend.schemas.health.SenderState;
import dev.safesend.schemas.message.EventSource;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.InboundType;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.SafesendInfraResource;
import dev.safesend.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * health-monitor against real Kafka and PostgreSQL: events in on the platform's topics, decisions out on
 * wa.sender-health.v1 and wa.contact-engagement.v1 (the test profile shrinks the rules' times to seconds and judges
 * from 20 delivered messages).
 */
@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class HealthMonitorComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static KafkaProducer<String, SpecificRecord> producer;

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(), new AvroSerializer()::serialize);
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Hands a record to the producer; {@link #flush()} waits for every record handed so far. */
    private static void send(String topic, String key, SpecificRecord value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    private static void flush() {
        producer.flush();
    }

    private static MessageStatusChanged.Builder event(String messageId, MessageStatus status, String sender) {
        Instant now = Instant.now();
        return MessageStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setStatusAt(now)
                .setMessageId(messageId).setStatus(status).setSource(EventSource.WEBHOOK).setSenderId(sender);
    }

    private static void accepted(String messageId, String sender, Category category, String recipient) {
        send(Topics.MESSAGE_EVENTS.topicName(), messageId, event(messageId, MessageStatus.ACCEPTED, sender)
                .setSource(EventSource.INGEST).setProject("school").setCategory(category).setRecipient(recipient)
                .setTemplateName("course_offer").setTemplateLanguage("en").build());
    }

    private static void status(String messageId, MessageStatus status, String sender) {
        send(Topics.MESSAGE_EVENTS.topicName(), messageId, event(messageId, status, sender).build());
    }

    /** {@code n} marketing messages accepted and delivered by {@code sender}, each to its own recipient. */
    private static void delivered(String sender, int n) {
        for (int i = 0; i < n; i++) {
            String id = sender + "-" + UUID.randomUUID();
            accepted(id, sender, Category.MARKETING, "+2637700" + String.format("%05d", i));
            status(id, MessageStatus.DELIVERED, sender);
        }
        flush();
    }

    private static ConsentChanged optOut(String eventId, String sender) {
        return ConsentChanged.newBuilder().setEventId(eventId).setOccurredAt(Instant.now()).setPhone("+263779999999")
                .setProject("school").setVersion(System.nanoTime()).setMarketing(ConsentState.OPTED_OUT)
                .setUtility(ConsentState.OPTED_IN).setAuthentication(ConsentState.OPTED_IN).setSource("KEYWORD")
                .setSenderId(sender).setOptedOut(List.of(Category.MARKETING)).build();
    }

    private static AccountEventReceived.Builder account(AccountEventType type, String field, String waba, String sender, String event) {
        return AccountEventReceived.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setType(type).setField(field).setWabaId(waba).setSenderId(sender).setEvent(event);
    }

    private static List<SenderHealthChanged> decisions(TopicProbe probe, String sender, int count) {
        List<SenderHealthChanged> out = new ArrayList<>();
        for (ConsumerRecord<String, SpecificRecord> r : probe.await(r -> sender.equals(r.key()), count, WAIT)) {
            out.add((SenderHealthChanged) r.value());
        }
        return out;
    }

    @Test
    void statusesCountOnceWhateverTheirOrderAndHowOftenKafkaDeliversThem() {
        String sender = "110000000000001";
        accepted("m-order-1", sender, Category.MARKETING, "+263771000001");
        status("m-order-1", MessageStatus.READ, sender);
        status("m-order-1", MessageStatus.DELIVERED, sender);
        status("m-order-1", MessageStatus.DELIVERED, sender);
        status("m-order-1", MessageStatus.SENT, sender);
        send(Topics.MESSAGE_EVENTS.topicName(), "m-order-2", event("m-order-2", MessageStatus.FAILED, sender).setErrorCode(131026).build());

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(SafesendInfraResource.testKeys().token("viewer"))
                .get("/v1/health/senders/" + sender).then().statusCode(200)
                .body("windows.last24Hours.SENT", equalTo(1))
                .body("windows.last24Hours.DELIVERED", equalTo(1))
                .body("windows.last24Hours.READ", equalTo(1))
                .body("windows.last24Hours.FAILED_131026", equalTo(1))
                .body("windows.last24Hours.UNDELIVERABLE", equalTo(1))
                .body("state", equalTo("HEALTHY")));
        given().auth().oauth2(SafesendInfraResource.testKeys().token("viewer"))
                .get("/v1/health/templates/course_offer/en").then().statusCode(200)
                .body("last24Hours.READ", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        given().auth().oauth2(SafesendInfraResource.testKeys().token("viewer"))
                .get("/v1/health/portfolios/no-such-portfolio").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anOptOutRateOverTheLinePausesMarketingAndRecoversThroughHalfAndSevenTenths() {
        String sender = "110000000000002";
        try (TopicProbe probe = TopicProbe.atEnd(bootstrap(), Topics.SENDER_HEALTH.topicName())) {
            delivered(sender, 30);
            String eventId = UUID.randomUUID().toString();
            send(Topics.CONSENT_CHANGES.topicName(), "+263779999999", optOut(eventId, sender));
            send(Topics.CONSENT_CHANGES.topicName(), "+263779999999", optOut(eventId, sender)); // redelivered: counted once

            // (a first HEALTHY record may come before: the number was seen delivering before its opt-out)
            SenderHealthChanged critical = (SenderHealthChanged) probe.await(r -> sender.equals(r.key())
                    && ((SenderHealthChanged) r.value()).getState() == SenderState.CRITICAL, 1, WAIT).get(0).value();
            assertThat(critical.getReasons()).contains("OPT_OUT_RATE");
            assertThat(critical.getThrottleFactor()).isZero();

            delivered(sender, 3_000); // one opt-out in 3,030 delivered: 0.033%, clear of both lines
            int from = decisions(probe, sender, 1).indexOf(critical);
            List<SenderHealthChanged> after;
            int n = from + 4; // at least the pause and three steps
            do {
                List<SenderHealthChanged> all = decisions(probe, sender, n++);
                after = all.subList(from, all.size());
            } while (after.get(after.size() - 1).getState() != SenderState.HEALTHY);
            assertThat(after).extracting(SenderHealthChanged::getThrottleFactor).containsSubsequence(0.0, 0.5, 0.7, 1.0);
        }
        given().auth().oauth2(SafesendInfraResource.testKeys().token("viewer"))
                .get("/v1/health/senders/" + sender + "/history").then().statusCode(200)
                .body("items.to", hasItem("CRITICAL"))
                .body("items.actor", hasItem("policy"))
                .body("items[0].to", equalTo("HEALTHY"));
        given().auth().oauth2(SafesendInfraResource.testKeys().token("viewer"))
                .get("/v1/health/senders/" + sender).then().statusCode(200)
                .body("windows.last24Hours.OPT_OUT_KEYWORD", equalTo(1));
    }

    @Test
    void metaFlaggingTheNumberPausesMarketingAndAPausedTemplateIsHeldOnEveryNumberOfItsAccount() {
        String sender = "110000000000003";
        String waba = "300000000000003";
        try (TopicProbe probe = TopicProbe.atEnd(bootstrap(), Topics.SENDER_HEALTH.topicName())) {
            send(Topics.ACCOUNT_EVENTS.topicName(), sender, account(AccountEventType.PHONE_QUALITY, "phone_number_quality_update",
                    waba, sender, "FLAGGED").setAttributes(Map.of("current_limit", "TIER_10K"))
                    // as ingest maps it: the limits ride in previous/newQuality of this field
                    .setNewQuality("TIER_10K").build());
            SenderHealthChanged flagged = decisions(probe, sender, 1).get(0);
            assertThat(flagged.getState()).isEqualTo(SenderState.CRITICAL);
            assertThat(flagged.getReasons()).containsExactly("QUALITY_FLAGGED");
            assertThat(flagged.getMessagingTier()).isEqualTo("TIER_10K");

            send(Topics.ACCOUNT_EVENTS.topicName(), waba, account(AccountEventType.TEMPLATE_STATUS, "message_template_status_update",
                    waba, null, "PAUSED").setTemplateName("spring_sale").setTemplateLanguage("en").build());
            SenderHealthChanged held = decisions(probe, sender, 2).get(1);
            assertThat(held.getHeldTemplates()).hasSize(1);
            assertThat(held.getHeldTemplates().get(0).getName()).isEqualTo("spring_sale");
            assertThat(held.getHeldTemplates().get(0).getReason()).isEqualTo("TEMPLATE_PAUSED");

            send(Topics.ACCOUNT_EVENTS.topicName(), waba, account(AccountEventType.TEMPLATE_STATUS, "message_template_status_update",
                    waba, null, "REINSTATED").setTemplateName("spring_sale").setTemplateLanguage("en").build());
            assertThat(decisions(probe, sender, 3).get(2).getHeldTemplates()).isEmpty();
        }
    }

    @Test
    void aContactThatReadsNoneOfFiveMarketingMessagesBecomesDormantAndALateReadWakesIt() {
        String sender = "110000000000004";
        String contact = "+263772000004";
        try (TopicProbe probe = TopicProbe.atEnd(bootstrap(), Topics.CONTACT_ENGAGEMENT.topicName())) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String id = "m-engage-" + i;
                ids.add(id);
                accepted(id, sender, Category.MARKETING, contact);
                status(id, MessageStatus.DELIVERED, sender);
            }
            accepted("m-engage-utility", sender, Category.UTILITY, contact);
            status("m-engage-utility", MessageStatus.DELIVERED, sender); // utility never counts towards dormancy
            ContactEngagementChanged dormant = (ContactEngagementChanged) probe.await(r -> ("school/" + contact).equals(r.key()), 1, WAIT)
                    .get(0).value();
            assertThat(dormant.getState()).isEqualTo(EngagementState.DORMANT);
            assertThat(dormant.getUnreadDelivered()).isEqualTo(5);
            assertThat(dormant.getDormantUntil()).isAfter(Instant.now().plus(Duration.ofDays(29)));

            status(ids.get(2), MessageStatus.READ, sender);
            ContactEngagementChanged engaged = (ContactEngagementChanged) probe.await(r -> ("school/" + contact).equals(r.key()), 2, WAIT)
                    .get(1).value();
            assertThat(engaged.getState()).isEqualTo(EngagementState.ENGAGED);
            assertThat(engaged.getUnreadDelivered()).as("the read one and those delivered before it no longer count").isLessThanOrEqualTo(2);
        }
        given().auth().oauth2(SafesendInfraResource.testKeys().token("viewer"))
                .queryParam("project", "school").get("/v1/health/contacts/{contact}/engagement", contact)
                .then().statusCode(200).body("state", equalTo("ENGAGED"));
    }

    @Test
    void aReplyCountsForTheMessageItQuotesOnce() {
        String sender = "110000000000006";
        accepted("m-reply-1", sender, Category.MARKETING, "+263773000006");
        send(Topics.MESSAGE_EVENTS.topicName(), "m-reply-1", event("m-reply-1", MessageStatus.DELIVERED, sender)
                .setWamid("wamid.reply-1").build());
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(SafesendInfraResource.testKeys().token("viewer"))
                .get("/v1/health/senders/" + sender).then().statusCode(200).body("windows.last24Hours.DELIVERED", equalTo(1)));
        for (int i = 0; i < 2; i++) {
            send(Topics.INBOUND_MESSAGES.topicName(), "+263773000006", InboundMessageReceived.newBuilder()
                    .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now()).setWamid("wamid.in-" + i)
                    .setWaId("263773000006").setPhone("+263773000006").setSenderId(sender).setType(InboundType.TEXT)
                    .setText("yes please").setContextWamid("wamid.reply-1").setReceivedAt(Instant.now()).build());
        }
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(SafesendInfraResource.testKeys().token("viewer"))
                .get("/v1/health/senders/" + sender).then().statusCode(200)
                .body("windows.last24Hours.REPLIED", equalTo(1))
                .body("rates.response", equalTo(1.0f)));
    }

    @Test
    void anOperatorPausesANumberWithAReasonAndResumesIt() {
        String sender = "110000000000005";
        status("m-manual-1", MessageStatus.SENT, sender);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(SafesendInfraResource.testKeys().token("viewer"))
                .get("/v1/health/senders/" + sender).then().statusCode(200));
        String admin = SafesendInfraResource.testKeys().token("admin");

        given().auth().oauth2(SafesendInfraResource.testKeys().token("viewer")).contentType(ContentType.JSON)
                .body("{\"reason\":\"x\"}").post("/v1/health/senders/" + sender + ":pause").then().statusCode(403);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}")
                .post("/v1/health/senders/" + sender + ":pause").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("reason"));

        try (TopicProbe probe = TopicProbe.atEnd(bootstrap(), Topics.SENDER_HEALTH.topicName())) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"reason\":\"complaints from the school board\"}")
                    .post("/v1/health/senders/" + sender + ":pause").then().statusCode(200)
                    .body("state", equalTo("PAUSED")).body("reasons", hasItem("MANUAL"));
            assertThat(decisions(probe, sender, 1).get(0).getReasons()).containsExactly("MANUAL");

            given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"reason\":\"board satisfied\"}")
                    .post("/v1/health/senders/" + sender + ":resume").then().statusCode(200).body("state", equalTo("HEALTHY"));
            assertThat(decisions(probe, sender, 2).get(1).getState()).isEqualTo(SenderState.HEALTHY);
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"reason\":\"again\"}")
                .post("/v1/health/senders/" + sender + ":resume").then().statusCode(409);
        given().auth().oauth2(admin).get("/v1/health/senders/" + sender + "/history").then().statusCode(200)
                .body("items[1].actor", equalTo("dev-admin"))
                .body("items[1].why", org.hamcrest.Matchers.containsString("complaints from the school board"))
                .body("items[0].actor", equalTo("dev-admin: board satisfied"));
        given().auth().oauth2(admin).get("/v1/health/senders/999999999999").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aRecordThatIsNotAnEventGoesToTheDeadLetterTopicWithItsReason() throws Exception {
        try (TopicProbe dlq = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.dlqName());
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                     new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.MESSAGE_EVENTS.topicName(), "poison-1", "not avro".getBytes(StandardCharsets.UTF_8))).get();
            ConsumerRecord<String, byte[]> dead = dlq.awaitRaw(r -> "poison-1".equals(r.key()), 1, WAIT).get(0);
            assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
        }
    }
}
