package dev.safesend.dispatch.service;

import dev.safesend.dispatch.client.FakeCloudApiResource;
import dev.safesend.schemas.message.EventSource;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.SafesendInfraResource;
import dev.safesend.testsupport.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sends whose answer dispatch never saw (it stopped mid-call): UNKNOWN after the timeout, settled by a later status webhook. */
@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
@QuarkusTestResource(FakeCloudApiResource.class)
class ReconcileComponentTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReconcileService reconcile;

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private void inflight(String messageId, Instant claimedAt) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO send_ledger (message_id, sender_id, recipient, category, state, claimed_at) VALUES (?, '110000000000001', "
                        + "'+263771234500', 'UTILITY', 'INFLIGHT', ?)")) {
            s.setString(1, messageId);
            s.setTimestamp(2, Timestamp.from(claimedAt));
            s.executeUpdate();
        }
    }

    private String ledgerState(String messageId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT state || coalesce(':' || wamid, '') FROM send_ledger WHERE message_id = ?")) {
            s.setString(1, messageId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void webhookStatus(String messageId, String wamid, MessageStatus status) throws Exception {
        AvroSerializer avro = new AvroSerializer();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(), avro::serialize)) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            producer.send(new ProducerRecord<>(Topics.MESSAGE_EVENTS.topicName(), messageId, MessageStatusChanged.newBuilder()
                    .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setStatusAt(now).setMessageId(messageId)
                    .setStatus(status).setSource(EventSource.WEBHOOK).setWamid(wamid).build())).get();
        }
    }

    @Test
    void aSendStillInFlightAfterTheTimeoutBecomesUnknownWithAnEventAndALaterWebhookSettlesIt() throws Exception {
        String stale = "m-" + UUID.randomUUID();
        String recent = "m-" + UUID.randomUUID();
        inflight(stale, Instant.now().minus(Duration.ofMinutes(20)));
        inflight(recent, Instant.now());
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            reconcile.markUnknown();
            MessageStatusChanged unknown = (MessageStatusChanged) events.await(r -> stale.equals(r.key()), 1, Duration.ofSeconds(20))
                    .get(0).value();
            assertThat(unknown.getStatus()).isEqualTo(MessageStatus.UNKNOWN);
            assertThat(unknown.getReason()).isEqualTo("NO_ANSWER_IN_TIME");
        }
        assertThat(ledgerState(stale)).isEqualTo("UNKNOWN");
        assertThat(ledgerState(recent)).as("a send in flight for less than the timeout is left alone").isEqualTo("INFLIGHT");

        webhookStatus(stale, "wamid.reconciled-1", MessageStatus.DELIVERED);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ledgerState(stale)).isEqualTo("SUBMITTED:wamid.reconciled-1"));
    }

    @Test
    void aStatusWebhookForAMessageNobodyWaitsForChangesNothing() throws Exception {
        String settled = "m-" + UUID.randomUUID();
        inflight(settled, Instant.now().minus(Duration.ofMinutes(1)));
        reconcile.refreshWatched();
        webhookStatus(settled, "wamid.reconciled-2", MessageStatus.FAILED);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ledgerState(settled)).isEqualTo("FAILED"));

        webhookStatus(settled, "wamid.reconciled-3", MessageStatus.READ);
        reconcile.refreshWatched();
        String marker = "m-" + UUID.randomUUID();
        inflight(marker, Instant.now().minus(Duration.ofMinutes(1)));
        reconcile.refreshWatched();
        webhookStatus(marker, "wamid.marker", MessageStatus.SENT); // same consumer, later: once it is settled the READ was handled
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ledgerState(marker)).isEqualTo("SUBMITTED:wamid.marker"));
        assertThat(ledgerState(settled)).as("a terminal row does not move").isEqualTo("FAILED");
    }
}
