package dev.safesend.ingest.component;

import dev.safesend.ingest.repository.AcceptedMessageRepository;
import dev.safesend.schemas.intake.IntakeBeat;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static dev.safesend.ingest.component.Ingest.bootstrap;
import static dev.safesend.ingest.component.Ingest.send;
import static dev.safesend.ingest.component.Ingest.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The real broker refuses ingest's records (a topic whose max.message.bytes is smaller than any record, so every
 * send is nacked with RecordTooLargeException): REST and the webhook answer 503 problem+json with Retry-After, and
 * nothing stays behind, so the same request or delivery succeeds once the broker takes records again.
 */
@QuarkusTest
class PublishUnavailableComponentTest {

    private static final String BODY = """
            {"recipient":"+263771234568","project":"school","category":"UTILITY","clientReference":"%s",
             "template":{"name":"order_update","language":"en_US","bodyParameters":["Tariro","A-2002"]}}""";

    @Inject
    AcceptedMessageRepository accepted;

    @BeforeEach
    void registrySynced() {
        Ingest.templatesSynced();
    }

    @Test
    void aSendKafkaRefusesIs503WithRetryAfterAndTheSameIdempotencyKeySucceedsOnRetry() {
        String key = "retry-after-" + UUID.randomUUID();
        String body = BODY.formatted(key);
        try (RefusingTopic refusing = RefusingTopic.of(Topics.OUTBOUND_URGENT.topicName())) {
            // the broker applies topic configs asynchronously: wait until a throwaway request is refused
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> send(BODY.formatted("probe")).statusCode(503));
            long before = accepted.count();

            send(key, body).statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"))
                    .body("type", equalTo("https://safesend.dev/problems/publish-unavailable"))
                    .body("title", not(emptyOrNullString()))
                    .body("status", equalTo(503))
                    .body("detail", not(emptyOrNullString()))
                    .body("code", equalTo("publish_unavailable"));
            assertThat(accepted.count()).as("no accepted_message row is left behind").isEqualTo(before);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> send(BODY.formatted("probe")).statusCode(202));

        send(key, body).statusCode(202)
                .header("Idempotent-Replayed", nullValue())
                .body("status", equalTo("ACCEPTED"));
        send(key, body).statusCode(202).header("Idempotent-Replayed", equalTo("true"));
    }

    @Test
    void aWebhookDeliveryKafkaRefusesIs503AndMetasRetryOfItIsPublishedNotDroppedAsADuplicate() {
        String wamid = "wamid.REFUSED" + UUID.randomUUID();
        byte[] delivery = Ingest.statusWebhook(wamid, "delivered", "1750263800", "msg-refused-1").getBytes(StandardCharsets.UTF_8);
        try (RefusingTopic refusing = RefusingTopic.of(Topics.MESSAGE_EVENTS.topicName())) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> webhook(Ingest.statusWebhook(
                    "wamid.PROBE" + UUID.randomUUID(), "sent", "1750263800", "probe").getBytes(StandardCharsets.UTF_8))
                    .statusCode(503));

            webhook(delivery).statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", not(emptyOrNullString()))
                    .body("code", equalTo("publish_unavailable"))
                    .body("status", equalTo(503));
        }
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> webhook(delivery).statusCode(200));
            MessageStatusChanged status = (MessageStatusChanged) events.await(r -> "msg-refused-1".equals(r.key()), 1,
                    Duration.ofSeconds(10)).get(0).value();
            assertThat(status.getStatus()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(status.getWamid()).isEqualTo(wamid);
        }
    }

    /**
     * The intake beats tell dispatch what Kafka's refusal hid: a refused delivery carrying a user message (it may be a
     * STOP Meta retries later) shows as this instance's last refusal in its next beat; a refused delivery of statuses
     * alone does not, since it cannot opt anyone out.
     */
    @Test
    void aRefusedDeliveryCarryingAUserMessageShowsInTheNextIntakeBeatAndARefusedStatusDoesNot() {
        IntakeBeat first = nextBeat();
        assertThat(first.getInstance()).startsWith("ingest-");
        assertThat(first.getStopping()).isFalse();
        assertThat(first.getStartedAt()).isBeforeOrEqualTo(first.getOccurredAt());

        try (RefusingTopic refusing = RefusingTopic.of(Topics.MESSAGE_EVENTS.topicName())) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> webhook(Ingest.statusWebhook(
                    "wamid.PROBE" + UUID.randomUUID(), "sent", "1750263800", "probe").getBytes(StandardCharsets.UTF_8))
                    .statusCode(503));
        }
        IntakeBeat afterStatuses = nextBeat();
        assertThat(afterStatuses.getRefused()).as("statuses cannot opt anyone out").isEqualTo(first.getRefused());
        assertThat(afterStatuses.getLastRefusedAt()).isEqualTo(first.getLastRefusedAt());

        String stop = """
                {"object":"whatsapp_business_account","entry":[{"id":"100000000000001","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000001","phone_number_id":"110000000000001"},
                 "contacts":[{"profile":{"name":"Rudo"},"wa_id":"263771230099"}],
                 "messages":[{"from":"263771230099","id":"wamid.REFUSEDSTOP%s","timestamp":"1780000000","type":"text","text":{"body":"STOP"}}]}}]}]}"""
                .formatted(UUID.randomUUID());
        java.time.Instant before = java.time.Instant.now();
        try (RefusingTopic refusing = RefusingTopic.of(Topics.INBOUND_MESSAGES.topicName())) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> webhook(stop.getBytes(StandardCharsets.UTF_8)).statusCode(503));
        }
        IntakeBeat afterStop = nextBeat();
        assertThat(afterStop.getInstance()).isEqualTo(first.getInstance());
        assertThat(afterStop.getRefused()).isGreaterThan(first.getRefused());
        assertThat(afterStop.getLastRefusedAt()).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> webhook(stop.getBytes(StandardCharsets.UTF_8)).statusCode(200));
    }

    /** The next beat this instance writes (every 100 ms). */
    private static IntakeBeat nextBeat() {
        try (TopicProbe beats = TopicProbe.atEnd(bootstrap(), Topics.INTAKE_BEATS.topicName())) {
            return (IntakeBeat) beats.await(r -> true, 1, Duration.ofSeconds(5)).get(0).value();
        }
    }

    /** A topic that refuses every record until closed (max.message.bytes below any record's size). */
    private record RefusingTopic(Admin admin, ConfigResource topic) implements AutoCloseable {

        static RefusingTopic of(String name) {
            Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
            RefusingTopic refusing = new RefusingTopic(admin, new ConfigResource(ConfigResource.Type.TOPIC, name));
            refusing.alter(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "16"), AlterConfigOp.OpType.SET));
            return refusing;
        }

        private void alter(AlterConfigOp op) {
            try {
                admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public void close() {
            try {
                alter(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""), AlterConfigOp.OpType.DELETE));
            } finally {
                admin.close();
            }
        }
    }
}
