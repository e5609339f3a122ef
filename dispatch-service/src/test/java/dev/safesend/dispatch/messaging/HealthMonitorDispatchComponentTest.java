package dev.safesend.dispatch.messaging;

import dev.safesend.dispatch.GateFixtures;
import dev.safesend.dispatch.client.FakeCloudApiResource;
import dev.safesend.dispatch.domain.gate.DispatchGate;
import dev.safesend.dispatch.repository.ProjectionRepository;
import dev.safesend.dispatch.service.DispatchMetrics;
import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.common.TemplateContent;
import dev.safesend.schemas.health.ContactEngagementChanged;
import dev.safesend.schemas.health.EngagementState;
import dev.safesend.schemas.health.HeldTemplate;
import dev.safesend.schemas.health.SenderHealthChanged;
import dev.safesend.schemas.health.SenderState;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.SafesendInfraResource;
import dev.safesend.testsupport.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * dispatch's side of health-monitor: its decisions on senders (wa.sender-health.v1: categories held, held templates,
 * messaging tier, the end of dispatch's own automatic pause) and contacts' engagement (wa.contact-engagement.v1), from
 * the topics through the gate to the Cloud API (the scripted stand-in). Each test has its own sender and recipients.
 */
@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
@QuarkusTestResource(FakeCloudApiResource.class)
class HealthMonitorDispatchComponentTest {

    /** Far less than a hold's own re-check (a minute): a lifted hold must take effect within this. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);
    private static final Duration WITHIN = Duration.ofSeconds(20);

    private static KafkaProducer<String, SpecificRecord> producer;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ProjectionRepository projections;

    @Inject
    MeterRegistry metrics;

    @BeforeAll
    static void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(), new AvroSerializer()::serialize);
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static String token(String role) {
        return SafesendInfraResource.testKeys().token(role);
    }

    // ---- fixtures ----------------------------------------------------------------------------------------------

    /** A number with no quiet hours (so marketing goes at any time of day) in a portfolio of its own. */
    private static void registerSender(String senderId, Long portfolioLimit) {
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body("""
                        {"senderId":"%s","wabaId":"100000000000001","displayNumber":"+15550000001","project":"school","pool":"main",
                         "messagesPerSecond":80,"portfolioId":"portfolio-%s","portfolioDailyUniqueLimit":%s,
                         "quietHoursStart":"00:00","quietHoursEnd":"00:00"}""".formatted(senderId, senderId, portfolioLimit))
                .when().post("/v1/senders").then().statusCode(201);
    }

    private String optedIn() {
        String phone = "+2637716" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        GateFixtures.consent(dataSource, phone, "school", "OPTED_IN");
        return phone;
    }

    private static OutboundMessage message(String senderId, String recipient, Category category, String template) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return OutboundMessage.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setMessageId(UUID.randomUUID().toString())
                .setProject("school").setSenderId(senderId).setRecipient(recipient).setCategory(category)
                .setTemplate(TemplateContent.newBuilder().setName(template).setLanguage("en_US")
                        .setBodyParameters(List.of("Tariro", UUID.randomUUID().toString())).build())
                .setExpiresAt(now.plusSeconds(600)).build();
    }

    /** Marketing on the bulk lane, the rest on the urgent lane, as ingest routes them. */
    private static OutboundMessage send(OutboundMessage m) throws Exception {
        Topics lane = m.getCategory() == Category.MARKETING ? Topics.OUTBOUND_BULK : Topics.OUTBOUND_URGENT;
        producer.send(new ProducerRecord<>(lane.topicName(), m.getSenderId(), m)).get();
        return m;
    }

    private static SenderHealthChanged.Builder decision(String senderId, SenderState state, Instant at) {
        return SenderHealthChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at.truncatedTo(ChronoUnit.MILLIS))
                .setSenderId(senderId).setState(state).setThrottleFactor(1.0);
    }

    private static void publish(SenderHealthChanged decision) throws Exception {
        producer.send(new ProducerRecord<>(Topics.SENDER_HEALTH.topicName(), decision.getSenderId(), decision)).get();
    }

    /**
     * Publishes a decision newer than the one held and waits until dispatch has applied it: stored, and what follows from
     * it (a lifted pause, released holds) done, which the consumer counts only afterwards.
     */
    private void decide(SenderHealthChanged decision) throws Exception {
        double applied = processed("SenderHealthChanged", "success");
        publish(decision);
        await().atMost(WITHIN).until(() -> processed("SenderHealthChanged", "success") > applied
                && projections.senderHealth(decision.getSenderId()).filter(h -> h.changedAt().equals(decision.getOccurredAt())).isPresent());
    }

    private double processed(String type, String outcome) {
        return metrics.counter(DispatchMetrics.MESSAGES_PROCESSED, "event.type", type, "lane", "none", "outcome", outcome).count();
    }

    private static ContactEngagementChanged engagement(String contact, EngagementState state, Instant at, Instant dormantUntil) {
        return ContactEngagementChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at.truncatedTo(ChronoUnit.MILLIS))
                .setProject("school").setContact(contact).setState(state)
                .setDormantUntil(dormantUntil == null ? null : dormantUntil.truncatedTo(ChronoUnit.MILLIS)).build();
    }

    private static void publish(ContactEngagementChanged e) throws Exception {
        producer.send(new ProducerRecord<>(Topics.CONTACT_ENGAGEMENT.topicName(), e.getProject() + "/" + e.getContact(), e)).get();
    }

    private static MessageStatusChanged awaitStatus(TopicProbe events, String messageId, MessageStatus status, Duration within) {
        return (MessageStatusChanged) events.await(
                r -> messageId.equals(r.key()) && ((MessageStatusChanged) r.value()).getStatus() == status, 1, within).get(0).value();
    }

    private static List<String> callsFor(String messageId) {
        String all = RestAssured.get(ConfigProvider.getConfig().getValue("safesend.dispatch.cloud-api.base-url", String.class) + "/_received")
                .then().statusCode(200).extract().asString();
        return Arrays.stream(all.split("\n")).filter(line -> line.contains(messageId)).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    // ---- sender health: categories ----------------------------------------------------------------------------

    @Test
    void aCriticalSenderHoldsMarketingWhileItsUtilityMessagesReachTheCloudApi() throws Exception {
        String sender = "170000000000001";
        registerSender(sender, null);
        decide(decision(sender, SenderState.CRITICAL, Instant.now()).setReasons(List.of("OPT_OUT_RATE")).build());

        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            OutboundMessage marketing = send(message(sender, optedIn(), Category.MARKETING, "spring_sale"));
            OutboundMessage utility = send(message(sender, optedIn(), Category.UTILITY, "order_update"));

            assertThat(awaitStatus(events, marketing.getMessageId(), MessageStatus.DEFERRED, WITHIN).getReason())
                    .isEqualTo(DispatchGate.SENDER_HEALTH_PAUSED);
            awaitStatus(events, utility.getMessageId(), MessageStatus.SUBMITTED, WITHIN);
            assertThat(callsFor(utility.getMessageId())).hasSize(1);
            assertThat(callsFor(marketing.getMessageId())).isEmpty();
        }
    }

    @Test
    void aManuallyPausedSenderHoldsMarketingAndUtilityAlike() throws Exception {
        String sender = "170000000000002";
        registerSender(sender, null);
        decide(decision(sender, SenderState.PAUSED, Instant.now()).setReasons(List.of("MANUAL")).build());

        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            OutboundMessage marketing = send(message(sender, optedIn(), Category.MARKETING, "spring_sale"));
            OutboundMessage utility = send(message(sender, optedIn(), Category.UTILITY, "order_update"));

            for (OutboundMessage m : List.of(marketing, utility)) {
                assertThat(awaitStatus(events, m.getMessageId(), MessageStatus.DEFERRED, WITHIN).getReason())
                        .isEqualTo(DispatchGate.SENDER_HEALTH_PAUSED);
                assertThat(callsFor(m.getMessageId())).isEmpty();
            }
        }
    }

    // ---- held templates ---------------------------------------------------------------------------------------

    @Test
    void aHeldTemplatesQueuedMessageIsHeldAndSentPromptlyOnceANewerDecisionDropsTheHold() throws Exception {
        String sender = "170000000000003";
        registerSender(sender, null);
        Instant first = Instant.now();
        decide(decision(sender, SenderState.WARNING, first).setHeldTemplates(List.of(
                new HeldTemplate("order_update", "en_US", "TEMPLATE_QUALITY_RED"))).build());

        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            OutboundMessage held = send(message(sender, optedIn(), Category.UTILITY, "order_update"));
            OutboundMessage other = send(message(sender, optedIn(), Category.UTILITY, "term_reminder"));
            assertThat(awaitStatus(events, held.getMessageId(), MessageStatus.DEFERRED, WITHIN).getReason())
                    .isEqualTo(DispatchGate.TEMPLATE_HELD);
            awaitStatus(events, other.getMessageId(), MessageStatus.SUBMITTED, WITHIN);
            assertThat(callsFor(held.getMessageId())).isEmpty();

            decide(decision(sender, SenderState.HEALTHY, first.plusSeconds(1)).build());
            awaitStatus(events, held.getMessageId(), MessageStatus.SUBMITTED, PROMPTLY);
            assertThat(callsFor(held.getMessageId())).hasSize(1);
        }
    }

    // ---- messaging tier ---------------------------------------------------------------------------------------

    /** Fills the number's portfolio budget with {@code n} other recipients reached in the last hour. */
    private void reachedAlready(String senderId, int n) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO recipient_budget (portfolio_id, recipient, sender_id, opened_at)
                SELECT ?, '+1555' || lpad(i::text, 7, '0'), ?, now() - interval '1 hour' FROM generate_series(1, ?) AS i""")) {
            s.setString(1, "portfolio-" + senderId);
            s.setString(2, senderId);
            s.setInt(3, n);
            s.executeUpdate();
        }
    }

    @Test
    void theMessagingTierOfTheDecisionReplacesTheRegistrysPortfolioBudget() throws Exception {
        String unlimitedInRegistry = "170000000000004";
        String twoFiftyInRegistry = "170000000000005";
        registerSender(unlimitedInRegistry, null);
        registerSender(twoFiftyInRegistry, 250L);
        reachedAlready(unlimitedInRegistry, 250);
        reachedAlready(twoFiftyInRegistry, 250);
        decide(decision(unlimitedInRegistry, SenderState.HEALTHY, Instant.now()).setMessagingTier("TIER_250").build());
        decide(decision(twoFiftyInRegistry, SenderState.HEALTHY, Instant.now()).setMessagingTier("TIER_2K").build());

        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            OutboundMessage overTier = send(message(unlimitedInRegistry, optedIn(), Category.UTILITY, "order_update"));
            OutboundMessage underTier = send(message(twoFiftyInRegistry, optedIn(), Category.UTILITY, "order_update"));
            assertThat(awaitStatus(events, overTier.getMessageId(), MessageStatus.DEFERRED, WITHIN).getReason())
                    .isEqualTo("PORTFOLIO_BUDGET");
            awaitStatus(events, underTier.getMessageId(), MessageStatus.SUBMITTED, WITHIN);
        }
        given().auth().oauth2(token("viewer")).when().get("/v1/senders/" + unlimitedInRegistry).then().statusCode(200)
                .body("effectivePortfolioDailyUniqueLimit", org.hamcrest.Matchers.equalTo(250))
                .body("health.messagingTier", org.hamcrest.Matchers.equalTo("TIER_250"));
        given().auth().oauth2(token("viewer")).when().get("/v1/senders/" + twoFiftyInRegistry).then().statusCode(200)
                .body("portfolioDailyUniqueLimit", org.hamcrest.Matchers.equalTo(250))
                .body("effectivePortfolioDailyUniqueLimit", org.hamcrest.Matchers.equalTo(2000));
    }

    // ---- dispatch's own pause ---------------------------------------------------------------------------------

    @Test
    void anAutomaticPauseIsLiftedByALaterHealthDecisionButNotByAnEarlierOneOrItsRedelivery() throws Exception {
        String sender = "170000000000006";
        registerSender(sender, null);
        GateFixtures.consent(dataSource, FakeCloudApiResource.SPAM_LIMITED_RECIPIENT, "school", "OPTED_IN");
        SenderHealthChanged beforeThePause = decision(sender, SenderState.HEALTHY, Instant.now()).build();
        decide(beforeThePause);
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            OutboundMessage refused = send(message(sender, FakeCloudApiResource.SPAM_LIMITED_RECIPIENT, Category.UTILITY, "order_update"));
            assertThat(awaitStatus(events, refused.getMessageId(), MessageStatus.FAILED, WITHIN).getErrorCode()).isEqualTo(131048);
        }
        given().auth().oauth2(token("viewer")).when().get("/v1/senders/" + sender).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("PAUSED")).body("pauseSource", org.hamcrest.Matchers.equalTo("AUTO"));

        // the decision taken before the pause, delivered again, does not know of it: the pause stays
        decide(beforeThePause);
        given().auth().oauth2(token("viewer")).when().get("/v1/senders/" + sender).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("PAUSED"));

        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            OutboundMessage waiting = send(message(sender, optedIn(), Category.UTILITY, "order_update"));
            assertThat(awaitStatus(events, waiting.getMessageId(), MessageStatus.DEFERRED, WITHIN).getReason())
                    .isEqualTo(DispatchGate.SENDER_PAUSED);

            // a later decision that does not name the failure (taken before health-monitor counted it) lifts nothing
            decide(decision(sender, SenderState.HEALTHY, Instant.now()).build());
            given().auth().oauth2(token("viewer")).when().get("/v1/senders/" + sender).then().statusCode(200)
                    .body("state", org.hamcrest.Matchers.equalTo("PAUSED"));

            // its decision that knows of the 131048 owns the number from then on: marketing held, utility sent
            decide(decision(sender, SenderState.PAUSED, Instant.now()).setReasons(List.of("ERROR_131048")).build());
            given().auth().oauth2(token("viewer")).when().get("/v1/senders/" + sender).then().statusCode(200)
                    .body("state", org.hamcrest.Matchers.equalTo("ACTIVE"))
                    .body("health.state", org.hamcrest.Matchers.equalTo("PAUSED"));
            awaitStatus(events, waiting.getMessageId(), MessageStatus.SUBMITTED, PROMPTLY);
        }
    }

    @Test
    void anOperatorsPauseIsNeverLiftedByAHealthDecision() throws Exception {
        String sender = "170000000000007";
        registerSender(sender, null);
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("{\"reason\":\"customer complaint\"}")
                .when().post("/v1/senders/" + sender + ":pause").then().statusCode(200)
                .body("pauseSource", org.hamcrest.Matchers.equalTo("OPERATOR"));

        decide(decision(sender, SenderState.HEALTHY, Instant.now().plusSeconds(1)).build());

        given().auth().oauth2(token("viewer")).when().get("/v1/senders/" + sender).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("PAUSED")).body("pauseSource", org.hamcrest.Matchers.equalTo("OPERATOR"))
                .body("pauseReason", org.hamcrest.Matchers.equalTo("customer complaint"))
                .body("health.state", org.hamcrest.Matchers.equalTo("HEALTHY"));
    }

    // ---- stale and repeated decisions -------------------------------------------------------------------------

    @Test
    void aDecisionOlderThanTheOneHeldChangesNothing() throws Exception {
        String sender = "170000000000008";
        registerSender(sender, null);
        Instant now = Instant.now();
        SenderHealthChanged healthy = decision(sender, SenderState.HEALTHY, now).build();
        decide(healthy);
        double ignored = processed("SenderHealthChanged", "duplicate");

        publish(decision(sender, SenderState.PAUSED, now.minusSeconds(60)).setReasons(List.of("MANUAL")).build());
        await().atMost(WITHIN).until(() -> processed("SenderHealthChanged", "duplicate") >= ignored + 1);
        assertThat(projections.senderHealth(sender).orElseThrow().state()).isEqualTo("HEALTHY");

        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            OutboundMessage utility = send(message(sender, optedIn(), Category.UTILITY, "order_update"));
            awaitStatus(events, utility.getMessageId(), MessageStatus.SUBMITTED, WITHIN);
        }
    }

    // ---- contacts' engagement ---------------------------------------------------------------------------------

    @Test
    void aDormantContactsMarketingIsSuppressedForLowEngagementWhileItsUtilityMessageGoes() throws Exception {
        String sender = "170000000000009";
        registerSender(sender, null);
        String dormant = optedIn();
        ContactEngagementChanged asleep = engagement(dormant, EngagementState.DORMANT, Instant.now(), Instant.now().plus(Duration.ofDays(30)));
        publish(asleep);
        await().atMost(WITHIN).until(() -> projections.engagement("school", dormant).isPresent());

        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            OutboundMessage marketing = send(message(sender, dormant, Category.MARKETING, "spring_sale"));
            OutboundMessage utility = send(message(sender, dormant, Category.UTILITY, "order_update"));
            assertThat(awaitStatus(events, marketing.getMessageId(), MessageStatus.SUPPRESSED, WITHIN).getReason())
                    .isEqualTo(DispatchGate.LOW_ENGAGEMENT);
            awaitStatus(events, utility.getMessageId(), MessageStatus.SUBMITTED, WITHIN);
            assertThat(events.drain(Duration.ofSeconds(1)).stream().filter(r -> marketing.getMessageId().equals(r.key())))
                    .as("one event for the suppressed message").hasSize(1);
            assertThat(callsFor(marketing.getMessageId())).isEmpty();
        }
    }

    @Test
    void anOlderOrRepeatedEngagementRecordChangesNothing() throws Exception {
        String contact = "+2637717" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant until = now.plus(Duration.ofDays(14));
        ContactEngagementChanged dormant = engagement(contact, EngagementState.DORMANT, now, until);
        publish(dormant);
        await().atMost(WITHIN).until(() -> projections.engagement("school", contact).isPresent());
        double ignored = processed("ContactEngagementChanged", "duplicate");

        publish(engagement(contact, EngagementState.ENGAGED, now.minusSeconds(3600), null)); // older, arrives late
        publish(dormant); // the same record again
        await().atMost(WITHIN).until(() -> processed("ContactEngagementChanged", "duplicate") >= ignored + 2);

        var held = projections.engagement("school", contact).orElseThrow();
        assertThat(held.state()).isEqualTo("DORMANT");
        assertThat(held.dormantUntil()).isEqualTo(until);
        assertThat(held.changedAt()).isEqualTo(now);

        publish(engagement(contact, EngagementState.ENGAGED, now.plusSeconds(1), null)); // a newer one wins
        await().atMost(WITHIN).until(() -> "ENGAGED".equals(projections.engagement("school", contact).orElseThrow().state()));
    }

    @Test
    void aPoisonEngagementRecordIsDeadLetteredWithItsReasonAndTheRestOfTheBatchApplied() throws Exception {
        String contact = "+2637718" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        String key = "school/" + contact;
        String topic = Topics.CONTACT_ENGAGEMENT.topicName();
        AvroSerializer avro = new AvroSerializer();
        ContactEngagementChanged nameless = engagement(" ", EngagementState.DORMANT, Instant.now(), Instant.now().plusSeconds(3600));
        try (TopicProbe dlq = TopicProbe.atEnd(bootstrap(), Topics.CONTACT_ENGAGEMENT.dlqName());
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                     ProducerConfig.LINGER_MS_CONFIG, 200), new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topic, key, "garbage".getBytes(StandardCharsets.UTF_8)));
            raw.send(new ProducerRecord<>(topic, key, avro.serialize(topic, nameless)));
            raw.send(new ProducerRecord<>(topic, key, avro.serialize(topic,
                    engagement(contact, EngagementState.DORMANT, Instant.now(), Instant.now().plusSeconds(3600)))));
            raw.flush();

            List<ConsumerRecord<String, byte[]>> dead = dlq.awaitRaw(r -> key.equals(r.key()), 2, WITHIN);
            assertThat(dead).extracting(r -> header(r, "dead-letter-reason"))
                    .anySatisfy(reason -> assertThat(reason).contains("not Avro single-object encoded"))
                    .anySatisfy(reason -> assertThat(reason).contains("names no project or no contact"));
            assertThat(dead).allSatisfy(r -> assertThat(header(r, "dead-letter-topic")).isEqualTo(topic));
            assertThat(dead).anySatisfy(r -> assertThat(r.value()).isEqualTo("garbage".getBytes(StandardCharsets.UTF_8)));
        }
        await().atMost(WITHIN).until(() -> projections.engagement("school", contact).isPresent());
    }
}
