package dev.safesend.analytics.rest;

import dev.safesend.schemas.message.EventSource;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.SafesendInfraResource;
import dev.safesend.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
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
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class AnalyticsComponentTest {

    private static KafkaProducer<String, SpecificRecord> producer;

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

    private static void publish(String messageId, MessageStatus status, EventSource source, long at) throws Exception {
        publishAt(messageId, status, source, Instant.ofEpochSecond(at));
    }

    private static void publishAt(String messageId, MessageStatus status, EventSource source, Instant at) throws Exception {
        MessageStatusChanged e = MessageStatusChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now()).setStatusAt(at)
                .setMessageId(messageId).setStatus(status).setSource(source).setRecipient("+263771234567")
                .setSenderId("110000000000001").setWamid(status == MessageStatus.ACCEPTED ? null : "wamid.x-" + messageId).build();
        producer.send(new ProducerRecord<>(Topics.MESSAGE_EVENTS.topicName(), messageId, e)).get();
    }

    @Test
    void theTimelineShowsEveryStepAndTheCurrentStatusMovesForwardOnlyWhateverTheOrder() throws Exception {
        String id = UUID.randomUUID().toString();
        publish(id, MessageStatus.ACCEPTED, EventSource.INGEST, 100);
        publish(id, MessageStatus.SUBMITTED, EventSource.DISPATCH, 101);
        publish(id, MessageStatus.READ, EventSource.WEBHOOK, 104);      // read overtakes delivered
        publish(id, MessageStatus.DELIVERED, EventSource.WEBHOOK, 103);
        publish(id, MessageStatus.DELIVERED, EventSource.WEBHOOK, 103); // Meta retried the webhook

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(token("viewer")).when().get("/v1/messages/" + id)
                        .then().statusCode(200)
                        .body("status", equalTo("READ"))
                        .body("wamid", equalTo("wamid.x-" + id))
                        .body("timeline.status", contains("ACCEPTED", "SUBMITTED", "DELIVERED", "READ")));
    }

    @Test
    void withinOneSecondTheTimelineFollowsTheLifecycleNotMetasWholeSecondTimestamps() throws Exception {
        String id = UUID.randomUUID().toString();
        publishAt(id, MessageStatus.ACCEPTED, EventSource.INGEST, Instant.ofEpochMilli(200_500));
        publishAt(id, MessageStatus.SUBMITTED, EventSource.DISPATCH, Instant.ofEpochMilli(200_700));
        publishAt(id, MessageStatus.SENT, EventSource.WEBHOOK, Instant.ofEpochSecond(200)); // Meta: seconds only

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(token("viewer")).when().get("/v1/messages/" + id)
                        .then().statusCode(200).body("timeline.status", contains("ACCEPTED", "SUBMITTED", "SENT")));
    }

    @Test
    void anUnknownMessageIsA404Problem() {
        given().auth().oauth2(token("viewer")).when().get("/v1/messages/nope")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void readingATimelineNeedsAToken() {
        given().when().get("/v1/messages/nope").then().statusCode(401);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndDoesNotBlockThePartition() throws Exception {
        try (TopicProbe dlq = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.dlqName());
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                     new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.MESSAGE_EVENTS.topicName(), "poison", "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8))).get();
            String id = UUID.randomUUID().toString();
            publish(id, MessageStatus.ACCEPTED, EventSource.INGEST, 100);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    given().auth().oauth2(token("viewer")).when().get("/v1/messages/" + id).then().statusCode(200));
            var dead = dlq.awaitRaw(r -> "poison".equals(r.key()), 1, Duration.ofSeconds(20)).get(0);
            assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains("not Avro single-object encoded");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\":\"avro\"}");
        }
    }
}
