package dev.safesend.ingest.component;

import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.common.TemplateContent;
import dev.safesend.schemas.common.TextContent;
import dev.safesend.schemas.health.SenderHealthChanged;
import dev.safesend.schemas.health.SenderState;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.message.SendRequest;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.safesend.ingest.component.Ingest.bootstrap;
import static dev.safesend.ingest.component.Ingest.produce;
import static dev.safesend.ingest.component.Ingest.produceRaw;
import static dev.safesend.ingest.component.Ingest.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The Kafka side of the front door: wa.send-requests.v1, the sender-health projection, DLQs. */
@QuarkusTest
class KafkaIntakeComponentTest {

    @BeforeEach
    void registrySynced() {
        Ingest.templatesSynced();
    }

    private static SendRequest request(String requestId, String recipient, TemplateContent template) {
        return SendRequest.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setRequestId(requestId).setProject("school").setRecipient(recipient).setCategory(Category.UTILITY)
                .setTemplate(template).build();
    }

    private static TemplateContent orderUpdate(String... params) {
        return TemplateContent.newBuilder().setName("order_update").setLanguage("en_US").setBodyParameters(List.of(params)).build();
    }

    @Test
    void aValidKafkaRequestIsAcceptedOnceEvenWhenRedelivered() {
        String requestId = "req-" + UUID.randomUUID();
        try (TopicProbe lane = TopicProbe.atEnd(bootstrap(), Topics.OUTBOUND_URGENT.topicName());
             TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            SendRequest r = request(requestId, "+263771234567", orderUpdate("Tariro", "A-1"));
            produce(Topics.SEND_REQUESTS.topicName(), requestId, r);
            produce(Topics.SEND_REQUESTS.topicName(), requestId, r);
            OutboundMessage m = (OutboundMessage) lane.await(x -> requestId.equals(((OutboundMessage) x.value()).getRequestId()), 1,
                    Duration.ofSeconds(15)).get(0).value();
            assertThat(m.getRecipient()).isEqualTo("+263771234567");
            MessageStatusChanged accepted = (MessageStatusChanged) events.await(
                    x -> requestId.equals(((MessageStatusChanged) x.value()).getRequestId()), 1, Duration.ofSeconds(10)).get(0).value();
            assertThat(accepted.getStatus()).isEqualTo(MessageStatus.ACCEPTED);
            assertThat(accepted.getMessageId()).isEqualTo(m.getMessageId());
            var deserializer = new dev.safesend.schemas.serde.AvroDeserializer();
            assertThat(lane.drain(Duration.ofSeconds(2)).stream()
                    .map(x -> (OutboundMessage) deserializer.deserialize(x.topic(), x.value()))
                    .filter(o -> requestId.equals(o.getRequestId()))).hasSize(1);
        }
    }

    @Test
    void anInvalidKafkaRequestBecomesOneRejectedEventWithItsReasons() {
        String requestId = "req-" + UUID.randomUUID();
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName());
             TopicProbe lane = TopicProbe.atEnd(bootstrap(), Topics.OUTBOUND_URGENT.topicName())) {
            SendRequest bad = request(requestId, "0771234567", orderUpdate("only-one"));
            produce(Topics.SEND_REQUESTS.topicName(), requestId, bad);
            produce(Topics.SEND_REQUESTS.topicName(), requestId, bad);
            MessageStatusChanged rejected = (MessageStatusChanged) events.await(
                    x -> requestId.equals(((MessageStatusChanged) x.value()).getRequestId()), 1, Duration.ofSeconds(15)).get(0).value();
            assertThat(rejected.getStatus()).isEqualTo(MessageStatus.REJECTED);
            assertThat(rejected.getReason()).isEqualTo("invalid_recipient");
            assertThat(rejected.getErrorDetails()).contains("recipient: invalid_recipient").contains("parameter_count_mismatch");
            assertThat(events.drain(Duration.ofSeconds(2))).hasSize(1);
            assertThat(lane.drain(Duration.ofMillis(200))).isEmpty();
        }
    }

    @Test
    void aFreeFormKafkaRequestAndARequestIdReusedForAnotherRequestAreHandled() {
        String requestId = "req-" + UUID.randomUUID();
        SendRequest text = SendRequest.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setRequestId(requestId).setProject("school").setRecipient("+263771234567").setCategory(Category.SERVICE)
                .setText(TextContent.newBuilder().setBody("Thanks, we got it").build()).build();
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            produce(Topics.SEND_REQUESTS.topicName(), requestId, text);
            events.await(x -> requestId.equals(((MessageStatusChanged) x.value()).getRequestId())
                    && ((MessageStatusChanged) x.value()).getStatus() == MessageStatus.ACCEPTED, 1, Duration.ofSeconds(15));
            SendRequest other = SendRequest.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                    .setRequestId(requestId).setProject("school").setRecipient("+263771234567").setCategory(Category.SERVICE)
                    .setText(TextContent.newBuilder().setBody("Something else").build()).build();
            produce(Topics.SEND_REQUESTS.topicName(), requestId, other);
            MessageStatusChanged reused = (MessageStatusChanged) events.await(x -> requestId.equals(((MessageStatusChanged) x.value()).getRequestId())
                    && ((MessageStatusChanged) x.value()).getStatus() == MessageStatus.REJECTED, 1, Duration.ofSeconds(15)).get(0).value();
            assertThat(reused.getReason()).isEqualTo("idempotency_key_reused");
        }
    }

    @Test
    void anUndecodableSendRequestIsDeadLetteredAndTheNextRequestStillFlows() {
        String requestId = "req-" + UUID.randomUUID();
        try (TopicProbe dlq = TopicProbe.atEnd(bootstrap(), Topics.SEND_REQUESTS.dlqName());
             TopicProbe lane = TopicProbe.atEnd(bootstrap(), Topics.OUTBOUND_URGENT.topicName())) {
            produceRaw(Topics.SEND_REQUESTS.topicName(), "poison-1", "not avro at all".getBytes(StandardCharsets.UTF_8));
            produce(Topics.SEND_REQUESTS.topicName(), requestId, request(requestId, "+263771234567", orderUpdate("A", "B")));
            var dead = dlq.awaitRaw(r -> "poison-1".equals(r.key()), 1, Duration.ofSeconds(15)).get(0);
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
            assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
            lane.await(x -> requestId.equals(((OutboundMessage) x.value()).getRequestId()), 1, Duration.ofSeconds(15));
        }
    }

    @Test
    void theServiceIsReadyOnlyOnceTheSenderHealthProjectionHasCaughtUpWithTheTopic() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'Sender health projection' }.status", equalTo("UP"))
                        .body("checks.find { it.name == 'Sender health projection' }.data.state", equalTo("caught up"))
                        .body("checks.find { it.name == 'Sender health projection' }.data.offsetsLeft", equalTo(0)));
    }

    @Test
    void aRecipientsMarketingMovesOffItsPausedNumberWhileItsUtilityMessagesStay() {
        String recipient = "+263771234599";
        String body = "{\"recipient\":\"" + recipient + "\",\"project\":\"pooled\",\"category\":\"%s\",\"template\":{\"name\":\"%s\","
                + "\"language\":\"en_US\",\"bodyParameters\":%s}}";
        String marketing = body.formatted("MARKETING", "seasonal_promo", "[\"winter\"]");
        String utility = body.formatted("UTILITY", "order_update", "[\"T\",\"A-9\"]");
        String usual = send(marketing).statusCode(202).extract().path("senderId");
        send(utility).statusCode(202).body("senderId", equalTo(usual));

        produce(Topics.SENDER_HEALTH.topicName(), usual, SenderHealthChanged.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now()).setSenderId(usual).setState(SenderState.PAUSED).setThrottleFactor(0.0)
                .setReasons(List.of("QUALITY_RED")).build());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(send(marketing).statusCode(202).extract().<String>path("senderId")).isNotEqualTo(usual));
        send(utility).statusCode(202).body("senderId", equalTo(usual)).body("lane", equalTo("urgent"));

        produce(Topics.SENDER_HEALTH.topicName(), usual, SenderHealthChanged.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now()).setSenderId(usual).setState(SenderState.HEALTHY).setThrottleFactor(1.0).build());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(send(marketing).statusCode(202).extract().<String>path("senderId")).isEqualTo(usual));
    }
}
