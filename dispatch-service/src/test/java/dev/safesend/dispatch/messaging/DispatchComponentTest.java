package dev.safesend.dispatch.messaging;

import dev.safesend.dispatch.GateFixtures;
import dev.safesend.dispatch.client.FakeCloudApiResource;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.common.TemplateContent;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.InboundType;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.SafesendInfraResource;
import dev.safesend.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
@QuarkusTestResource(FakeCloudApiResource.class)
class DispatchComponentTest {

    private static KafkaProducer<String, SpecificRecord> producer;

    @BeforeAll
    static void connect() {
        AvroSerializer avro = new AvroSerializer();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(), avro::serialize);
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static OutboundMessage message(String recipient, Instant expiresAt) {
        return message(UUID.randomUUID().toString(), "110000000000001", recipient, expiresAt);
    }

    private static OutboundMessage message(String messageId, String senderId, String recipient, Instant expiresAt) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return OutboundMessage.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setMessageId(messageId)
                .setProject("school").setSenderId(senderId).setRecipient(recipient).setCategory(Category.UTILITY)
                .setTemplate(TemplateContent.newBuilder().setName("order_update").setLanguage("en_US")
                        .setBodyParameters(List.of("Tariro", "A-1001")).build())
                .setExpiresAt(expiresAt).build();
    }

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void aRegisteredSenderAndOptedInRecipients() {
        GateFixtures.registerSender("110000000000001", 80, null);
        for (String phone : List.of("+263771234567", "+263771234568", "+263771234569", "+16505550126", "+263771234570",
                FakeCloudApiResource.SLOW_RECIPIENT)) {
            GateFixtures.consent(dataSource, phone, "school", "OPTED_IN");
        }
    }

    private void send(OutboundMessage m) throws Exception {
        producer.send(new ProducerRecord<>(Topics.OUTBOUND_URGENT.topicName(), m.getSenderId(), m)).get();
    }

    private static List<String> receivedBy(String messageId) {
        String all = RestAssured.get(ConfigProvider.getConfig().getValue("safesend.dispatch.cloud-api.base-url", String.class) + "/_received")
                .then().statusCode(200).extract().asString();
        return Arrays.stream(all.split("\n")).filter(line -> line.contains(messageId)).toList();
    }

    private static MessageStatusChanged eventFor(TopicProbe events, String messageId) {
        return (MessageStatusChanged) events.await(r -> messageId.equals(r.key()), 1, Duration.ofSeconds(20)).get(0).value();
    }

    @Test
    void aMessageIsSentWithItsIdAsCallbackDataAndBecomesSubmittedWithTheWamid() throws Exception {
        OutboundMessage m = message("+263771234567", Instant.now().plusSeconds(600));
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            send(m);
            MessageStatusChanged event = eventFor(events, m.getMessageId());
            assertThat(event.getStatus()).isEqualTo(MessageStatus.SUBMITTED);
            assertThat(event.getWamid()).startsWith("wamid.fake-");
        }
        List<String> calls = receivedBy(m.getMessageId());
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)).startsWith("/v23.0/110000000000001/messages ")
                .contains("\"biz_opaque_callback_data\":\"" + m.getMessageId() + "\"")
                .contains("\"to\":\"+263771234567\"")
                .contains("\"name\":\"order_update\"").contains("\"text\":\"Tariro\"");
    }

    @Test
    void aRecipientWhoJustWroteIsHeldUntilConsentServiceHasAcknowledgedTheirMessageAndThenSent() throws Exception {
        String phone = "+263771234571";
        GateFixtures.consent(dataSource, phone, "school", "OPTED_IN");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        producer.send(new ProducerRecord<>(Topics.INBOUND_MESSAGES.topicName(), phone.substring(1), InboundMessageReceived.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setWamid("wamid.in-" + UUID.randomUUID())
                .setWaId(phone.substring(1)).setPhone(phone).setSenderId("110000000000001").setType(InboundType.TEXT)
                .setText("is this still on?").setReceivedAt(now).build())).get();
        await().atMost(Duration.ofSeconds(20)).until(() -> inFlightRows(phone) == 1);
        OutboundMessage m = message(phone, Instant.now().plusSeconds(600));
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            send(m);
            MessageStatusChanged held = eventFor(events, m.getMessageId());
            assertThat(held.getStatus()).isEqualTo(MessageStatus.DEFERRED);
            assertThat(held.getReason()).isEqualTo("CONSENT_IN_FLIGHT");
            assertThat(receivedBy(m.getMessageId())).isEmpty();

            acknowledgeEveryInboundMessageAsConsentService();
            events.await(r -> m.getMessageId().equals(r.key()) && ((MessageStatusChanged) r.value()).getStatus() == MessageStatus.SUBMITTED,
                    1, Duration.ofSeconds(20));
        }
        assertThat(receivedBy(m.getMessageId())).hasSize(1);
    }

    private long inFlightRows(String phone) throws Exception {
        try (var c = dataSource.getConnection(); var s = c.prepareStatement("SELECT count(*) FROM consent_in_flight WHERE phone = ?")) {
            s.setString(1, phone);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** What consent-service does once a batch's changes are published: commits its group's offsets (here: at the end). */
    private static void acknowledgeEveryInboundMessageAsConsentService() {
        try (KafkaConsumer<String, byte[]> consent = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "consent-inbound", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consent.partitionsFor(Topics.INBOUND_MESSAGES.topicName()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> end = new java.util.HashMap<>();
            consent.endOffsets(partitions).forEach((tp, offset) -> end.put(tp, new OffsetAndMetadata(offset)));
            consent.assign(partitions);
            consent.commitSync(end);
        }
    }

    @Test
    void aRedeliveredMessageIsNotSentTwice() throws Exception {
        OutboundMessage m = message("+263771234568", Instant.now().plusSeconds(600));
        OutboundMessage marker = message("+263771234569", Instant.now().plusSeconds(600));
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            send(m);
            eventFor(events, m.getMessageId());
            send(m);
            send(marker); // same partition, so once the marker is done the redelivery was handled
            eventFor(events, marker.getMessageId());
            assertThat(events.drain(Duration.ofMillis(200)).stream().filter(r -> m.getMessageId().equals(r.key()))).hasSize(1);
        }
        assertThat(receivedBy(m.getMessageId())).hasSize(1);
    }

    /**
     * Ingest's retry after a crash that lost its commit: a second record with the same message id (new event id, later
     * expiry), routed to another sender's lane, so another pacer and partition. The ledger holds the id: no second call,
     * no second status.
     */
    @Test
    void aCopyOfASentMessageUnderTheSameIdOnAnotherSendersLaneIsNeitherSentNorReportedAgain() throws Exception {
        String other = "110000000000002";
        GateFixtures.registerSender(other, 80, null);
        GateFixtures.consent(dataSource, "+263771234572", "school", "OPTED_IN");
        GateFixtures.consent(dataSource, "+263771234573", "school", "OPTED_IN");
        OutboundMessage m = message("+263771234572", Instant.now().plusSeconds(600));
        OutboundMessage copy = message(m.getMessageId(), other, m.getRecipient(), Instant.now().plusSeconds(900));
        OutboundMessage marker = message(UUID.randomUUID().toString(), other, "+263771234573", Instant.now().plusSeconds(600));
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            send(m);
            assertThat(eventFor(events, m.getMessageId()).getStatus()).isEqualTo(MessageStatus.SUBMITTED);
            send(copy);
            send(marker); // the copy's lane and partition, so once the marker is done the copy was handled
            assertThat(eventFor(events, marker.getMessageId()).getStatus()).isEqualTo(MessageStatus.SUBMITTED);
            assertThat(events.drain(Duration.ofMillis(200)).stream().filter(r -> m.getMessageId().equals(r.key()))).hasSize(1);
        }
        assertThat(receivedBy(m.getMessageId())).hasSize(1).allSatisfy(call -> assertThat(call).contains("/110000000000001/"));
    }

    @Test
    void aMetaErrorBecomesAFailedEventWithTheCode() throws Exception {
        OutboundMessage m = message("+16505550126", Instant.now().plusSeconds(600));
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            send(m);
            MessageStatusChanged event = eventFor(events, m.getMessageId());
            assertThat(event.getStatus()).isEqualTo(MessageStatus.FAILED);
            assertThat(event.getErrorCode()).isEqualTo(131026);
            assertThat(event.getReason()).isEqualTo("META_131026");
        }
    }

    @Test
    void aSendWithoutAnAnswerIsNeverSentAgainButLeftInFlightForReconciliation() throws Exception {
        OutboundMessage m = message(FakeCloudApiResource.SLOW_RECIPIENT, Instant.now().plusSeconds(600));
        send(m);
        await().atMost(Duration.ofSeconds(20)).until(() -> receivedBy(m.getMessageId()).size() == 1);

        await("no second call while the answer never comes").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8))
                .until(() -> receivedBy(m.getMessageId()).size() == 1);
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("SELECT state FROM send_ledger WHERE message_id = ?")) {
            s.setString(1, m.getMessageId());
            try (var rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("INFLIGHT");
            }
        }
    }

    @Test
    void anExpiredMessageIsNeverSent() throws Exception {
        OutboundMessage m = message("+263771234570", Instant.now().minusSeconds(1));
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            send(m);
            assertThat(eventFor(events, m.getMessageId()).getStatus()).isEqualTo(MessageStatus.EXPIRED);
        }
        assertThat(receivedBy(m.getMessageId())).isEmpty();
    }
}
