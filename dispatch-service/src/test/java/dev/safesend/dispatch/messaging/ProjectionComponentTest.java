package dev.safesend.dispatch.messaging;

import dev.safesend.dispatch.client.FakeCloudApiResource;
import dev.safesend.dispatch.mapping.ProjectionEventMapper;
import dev.safesend.dispatch.repository.ProjectionRepository;
import dev.safesend.dispatch.service.DispatchMetrics;
import dev.safesend.dispatch.service.ProjectionService;
import dev.safesend.schemas.campaign.CampaignState;
import dev.safesend.schemas.campaign.CampaignStateChanged;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.consent.ConsentState;
import dev.safesend.schemas.consent.ProjectConsent;
import dev.safesend.schemas.health.HeldTemplate;
import dev.safesend.schemas.health.SenderHealthChanged;
import dev.safesend.schemas.health.SenderState;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.InboundType;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.PostgresOutage;
import dev.safesend.testsupport.SafesendInfraResource;
import dev.safesend.testsupport.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.avro.specific.SpecificRecord;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
@QuarkusTestResource(FakeCloudApiResource.class)
class ProjectionComponentTest {

    private static KafkaProducer<String, SpecificRecord> producer;

    @Inject
    ProjectionRepository projections;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ProjectionService service;

    @Inject
    ProjectionEventMapper mapper;

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

    private static void publish(Topics topic, String key, SpecificRecord record) throws Exception {
        producer.send(new ProducerRecord<>(topic.topicName(), key, record)).get();
    }

    private static ConsentChanged consent(String phone, long version, ConsentState marketing) {
        return ConsentChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setPhone(phone).setProject("school").setVersion(version).setMarketing(marketing)
                .setUtility(ConsentState.OPTED_IN).setAuthentication(ConsentState.OPTED_IN).setSource("KEYWORD")
                .setProjects(Map.of("school", new ProjectConsent(marketing, ConsentState.OPTED_IN, ConsentState.OPTED_IN),
                        "clinic", new ProjectConsent(ConsentState.OPTED_IN, ConsentState.OPTED_IN, ConsentState.UNKNOWN)))
                .build();
    }

    @Test
    void aStopThatMeetsADatabaseOutageIsRetriedUntilStoredInsteadOfBeingDeadLettered() throws Exception {
        String phone = "+26377" + (1000000 + (int) (Math.random() * 8999999));
        publish(Topics.CONSENT_CHANGES, phone, consent(phone, 1, ConsentState.OPTED_IN));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> projections.consent(phone).orElseThrow().version() == 1);
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (TopicProbe dead = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName() + ".dlq");
             PostgresOutage outage = PostgresOutage.start(url, Duration.ofMillis(1500))) {
            // for 1.5 s every connection of the service's pool is killed as soon as it is seen (as in a PostgreSQL restart)
            publish(Topics.CONSENT_CHANGES, phone, consent(phone, 2, ConsentState.OPTED_OUT));

            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> { // this test's reads may meet the outage too
                assertThat(projections.consent(phone).orElseThrow().version()).isEqualTo(2);
                assertThat(projections.consent(phone).orElseThrow().stateFor("school", "MARKETING")).isEqualTo("OPTED_OUT");
            });
            assertThat(dead.drain(Duration.ofSeconds(1)).stream().filter(r -> phone.equals(r.key())))
                    .as("the STOP was not dead-lettered").isEmpty();
        }
        dataSource.flush(AgroalDataSource.FlushMode.INVALID); // the outage is over: no dead connection left for the next test
    }

    @Test
    void aTombstoneAfterAnEraseForgetsThePhoneAndAChangeAfterItStartsAfresh() throws Exception {
        String erased = "+26377" + (1000000 + (int) (Math.random() * 8999999));
        String back = "+26378" + (1000000 + (int) (Math.random() * 8999999));
        publish(Topics.CONSENT_CHANGES, erased, consent(erased, 1, ConsentState.OPTED_IN));
        publish(Topics.CONSENT_CHANGES, back, consent(back, 1, ConsentState.OPTED_IN));
        await().atMost(Duration.ofSeconds(20)).until(() -> projections.consent(erased).isPresent() && projections.consent(back).isPresent());

        for (String phone : List.of(erased, back)) {
            ConsentChanged erase = consent(phone, 2, ConsentState.OPTED_OUT);
            erase.setErased(true);
            publish(Topics.CONSENT_CHANGES, phone, erase);
            producer.send(new ProducerRecord<>(Topics.CONSENT_CHANGES.topicName(), phone, null)).get();
        }
        publish(Topics.CONSENT_CHANGES, back, consent(back, 3, ConsentState.OPTED_IN)); // opted in again with new evidence

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(projections.consent(erased)).as("nothing kept of the erased phone").isEmpty();
            assertThat(projections.consent(back)).hasValueSatisfying(c -> assertThat(c.version()).isEqualTo(3));
        });
    }

    @Test
    void theLatestConsentVersionWinsAndAStaleOrRepeatedOneChangesNothing() throws Exception {
        String phone = "+26377" + (1000000 + (int) (Math.random() * 8999999));
        publish(Topics.CONSENT_CHANGES, phone, consent(phone, 5, ConsentState.OPTED_OUT));
        publish(Topics.CONSENT_CHANGES, phone, consent(phone, 3, ConsentState.OPTED_IN)); // stale, arrives late
        publish(Topics.CONSENT_CHANGES, phone, consent(phone, 5, ConsentState.OPTED_IN)); // same version again

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var snapshot = projections.consent(phone);
            assertThat(snapshot).isPresent();
            assertThat(snapshot.get().version()).isEqualTo(5);
            assertThat(snapshot.get().stateFor("school", "MARKETING")).isEqualTo("OPTED_OUT");
            assertThat(snapshot.get().stateFor("clinic", "MARKETING")).isEqualTo("OPTED_IN");
            assertThat(snapshot.get().stateFor("clinic", "AUTHENTICATION")).isEqualTo("UNKNOWN");
            assertThat(snapshot.get().stateFor("shop", "UTILITY")).isEqualTo("UNKNOWN");
        });
        // a marker on the same key (same partition) proves the two later records were consumed, then ignored
        publish(Topics.CONSENT_CHANGES, phone, consent(phone, 6, ConsentState.OPTED_OUT));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> projections.consent(phone).orElseThrow().version() == 6);
        assertThat(projections.consent(phone).orElseThrow().stateFor("school", "MARKETING")).isEqualTo("OPTED_OUT");
    }

    @Test
    void aBatchWithAStaleAndANewerVersionOfOnePhoneKeepsTheNewerOne() {
        String phone = "+26378" + (1000000 + (int) (Math.random() * 8999999));
        String other = "+26373" + (1000000 + (int) (Math.random() * 8999999));
        var outcomes = service.applyConsents(List.of(
                mapper.consent(consent(phone, 7, ConsentState.OPTED_IN)),
                mapper.consent(consent(other, 2, ConsentState.OPTED_IN)),
                mapper.consent(consent(phone, 9, ConsentState.OPTED_OUT)),
                mapper.consent(consent(phone, 8, ConsentState.OPTED_IN)),   // stale: 9 came before it
                mapper.consent(consent(phone, 9, ConsentState.OPTED_IN)))); // repeated version
        assertThat(outcomes).extracting(ProjectionService.Outcome::applied).containsExactly(true, true, true, false, false);
        assertThat(projections.consent(phone).orElseThrow().version()).isEqualTo(9);
        assertThat(projections.consent(phone).orElseThrow().stateFor("school", "MARKETING")).isEqualTo("OPTED_OUT");
        assertThat(projections.consent(other).orElseThrow().stateFor("school", "MARKETING")).isEqualTo("OPTED_IN");

        // a later batch older than what is held changes nothing
        assertThat(service.applyConsents(List.of(mapper.consent(consent(phone, 8, ConsentState.OPTED_IN)))))
                .extracting(ProjectionService.Outcome::applied).containsExactly(false);
        assertThat(projections.consent(phone).orElseThrow().stateFor("school", "MARKETING")).isEqualTo("OPTED_OUT");
    }

    @Test
    void aPoisonRecordInABatchIsDeadLetteredAloneAndTheRestOfTheBatchApplied() throws Exception {
        String phone = "+26377" + (1000000 + (int) (Math.random() * 8999999));
        String tooLong = "ZW." + "9".repeat(200); // decodes, but the projection cannot store it (addresses are at most 160)
        AvroSerializer avro = new AvroSerializer();
        String topic = Topics.CONSENT_CHANGES.topicName();
        try (TopicProbe dlq = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.dlqName());
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                     ProducerConfig.LINGER_MS_CONFIG, 200), new StringSerializer(), new ByteArraySerializer())) {
            // one producer batch on one partition, so the consumer is most likely handed all of it in one poll
            raw.send(new ProducerRecord<>(topic, phone, avro.serialize(topic, consent(phone, 3, ConsentState.OPTED_IN))));
            raw.send(new ProducerRecord<>(topic, phone, "garbage".getBytes(StandardCharsets.UTF_8)));
            raw.send(new ProducerRecord<>(topic, phone, avro.serialize(topic, consent(tooLong, 1, ConsentState.OPTED_IN))));
            raw.send(new ProducerRecord<>(topic, phone, avro.serialize(topic, consent(phone, 4, ConsentState.OPTED_OUT))));
            raw.flush();
            var dead = dlq.awaitRaw(r -> phone.equals(r.key()), 2, Duration.ofSeconds(20));
            assertThat(dead).extracting(r -> new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .anySatisfy(reason -> assertThat(reason).contains("not Avro single-object encoded"))
                    .anySatisfy(reason -> assertThat(reason).contains("consent"));
        }
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            assertThat(projections.consent(phone).orElseThrow().version()).isEqualTo(4);
            assertThat(projections.consent(phone).orElseThrow().stateFor("school", "MARKETING")).isEqualTo("OPTED_OUT");
        });
    }

    @Test
    void anErasedNumberIsOptedOutOfEverythingEverywhere() throws Exception {
        String phone = "+26371" + (1000000 + (int) (Math.random() * 8999999));
        ConsentChanged erased = consent(phone, 9, ConsentState.OPTED_IN);
        erased.setErased(true);
        erased.setSource("ERASE");
        publish(Topics.CONSENT_CHANGES, phone, erased);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(projections.consent(phone).map(s -> s.stateFor("clinic", "UTILITY"))).contains("OPTED_OUT"));
    }

    @Test
    void anInboundMessageOpensTheCustomerWindowAndAnOlderOneDoesNotMoveItBack() throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        for (Instant at : List.of(now, now.minusSeconds(3600))) {
            publish(Topics.INBOUND_MESSAGES, "263772222222", InboundMessageReceived.newBuilder()
                    .setEventId(UUID.randomUUID().toString()).setOccurredAt(at).setWamid("wamid." + UUID.randomUUID())
                    .setWaId("263772222222").setPhone("+263772222222").setSenderId("110000000000009")
                    .setType(InboundType.TEXT).setText("hi").setReceivedAt(at).build());
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(projections.lastInbound("110000000000009", "+263772222222")).contains(now));
    }

    @Test
    void senderHealthAndCampaignStateAreProjectedAndACancelledCampaignStaysCancelled() throws Exception {
        Instant t = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        publish(Topics.SENDER_HEALTH, "110000000000008", SenderHealthChanged.newBuilder().setEventId("h1").setOccurredAt(t)
                .setSenderId("110000000000008").setState(SenderState.THROTTLED).setThrottleFactor(0.5)
                .setReasons(List.of("QUALITY_YELLOW")).build());
        publish(Topics.CAMPAIGN_EVENTS, "camp-1", CampaignStateChanged.newBuilder().setEventId("c1").setOccurredAt(t)
                .setCampaignId("camp-1").setProject("shop").setState(CampaignState.CANCELLED).build());
        publish(Topics.CAMPAIGN_EVENTS, "camp-1", CampaignStateChanged.newBuilder().setEventId("c2").setOccurredAt(t.plusSeconds(1))
                .setCampaignId("camp-1").setProject("shop").setState(CampaignState.RESUMED).build());

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            assertThat(projections.senderHealth("110000000000008").orElseThrow().throttleFactor()).isEqualTo(0.5);
            assertThat(projections.senderHealth("110000000000008").orElseThrow().reasons()).containsExactly("QUALITY_YELLOW");
            assertThat(projections.campaignState("camp-1")).contains("CANCELLED");
        });
    }

    private double healthRecordsIgnored() {
        return metrics.counter(DispatchMetrics.MESSAGES_PROCESSED, "event.type", "SenderHealthChanged", "lane", "none",
                "outcome", "duplicate").count();
    }

    @Test
    void everyFieldOfAHealthDecisionIsKeptAndAnOlderDecisionIsIgnored() throws Exception {
        String sender = "110000000000018";
        Instant t = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        publish(Topics.SENDER_HEALTH, sender, SenderHealthChanged.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(t).setSenderId(sender).setState(SenderState.CRITICAL).setThrottleFactor(0.7)
                .setReasons(List.of("OPT_OUT_RATE", "QUALITY_YELLOW")).setUntil(t.plusSeconds(3600)).setHealthScore(41.5)
                .setQualityRating("YELLOW").setPortfolioId("portfolio-9").setMessagingTier("TIER_10K")
                .setHeldTemplates(List.of(new HeldTemplate("spring_sale", "en_US", "TEMPLATE_PAUSED"),
                        new HeldTemplate("otp_code", null, "TEMPLATE_DISABLED")))
                .build());
        await().atMost(Duration.ofSeconds(20)).until(() -> projections.senderHealth(sender).isPresent());
        double ignored = healthRecordsIgnored();
        publish(Topics.SENDER_HEALTH, sender, SenderHealthChanged.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(t.minusSeconds(60)).setSenderId(sender).setState(SenderState.HEALTHY).setThrottleFactor(1.0).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> healthRecordsIgnored() > ignored);

        var held = projections.senderHealth(sender).orElseThrow();
        assertThat(held.state()).isEqualTo("CRITICAL");
        assertThat(held.throttleFactor()).isEqualTo(0.7);
        assertThat(held.reasons()).containsExactly("OPT_OUT_RATE", "QUALITY_YELLOW");
        assertThat(held.until()).isEqualTo(t.plusSeconds(3600));
        assertThat(held.changedAt()).isEqualTo(t);
        assertThat(held.healthScore()).isEqualTo(41.5);
        assertThat(held.qualityRating()).isEqualTo("YELLOW");
        assertThat(held.portfolioId()).isEqualTo("portfolio-9");
        assertThat(held.messagingTier()).isEqualTo("TIER_10K");
        assertThat(held.heldTemplates()).containsExactly(
                new dev.safesend.dispatch.domain.SenderHealth.HeldTemplate("spring_sale", "en_US", "TEMPLATE_PAUSED"),
                new dev.safesend.dispatch.domain.SenderHealth.HeldTemplate("otp_code", null, "TEMPLATE_DISABLED"));
    }

    @Test
    void aPoisonConsentRecordIsDeadLetteredWithItsReason() throws Exception {
        try (TopicProbe dlq = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.dlqName());
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                     new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.CONSENT_CHANGES.topicName(), "+263779999999", "garbage".getBytes(StandardCharsets.UTF_8))).get();
            var dead = dlq.awaitRaw(r -> "+263779999999".equals(r.key()), 1, Duration.ofSeconds(20)).get(0);
            assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains("not Avro single-object encoded");
        }
    }
}
