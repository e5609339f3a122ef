package dev.safesend.testsupport;

import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.consent.ConsentState;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedServersTest {

    @Test
    void kafkaStartsWithEveryPlatformTopicAndCarriesAvroRecords() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(2);
             TopicProbe probe = TopicProbe.atEnd(kafka.bootstrapServers(), Topics.CONSENT_CHANGES.topicName());
             KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                     new StringSerializer(), (topic, data) -> new AvroSerializer().serialize(topic, (org.apache.avro.specific.SpecificRecord) data))) {
            ConsentChanged change = ConsentChanged.newBuilder().setEventId("e1").setOccurredAt(Instant.ofEpochMilli(5))
                    .setPhone("+263771234567").setProject("p").setVersion(1).setMarketing(ConsentState.OPTED_OUT)
                    .setUtility(ConsentState.OPTED_IN).setAuthentication(ConsentState.OPTED_IN).setSource("API").build();

            producer.send(new ProducerRecord<>(Topics.CONSENT_CHANGES.topicName(), change.getPhone(), change)).get();

            assertThat(probe.await(r -> r.key().equals("+263771234567"), 1, Duration.ofSeconds(10)).get(0).value()).isEqualTo(change);
        }
    }

    @Test
    void postgresStartsWithTheSafesendDatabase() throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start();
             var c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             ResultSet rs = c.createStatement().executeQuery("SELECT current_database(), version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("safesend");
            assertThat(rs.getString(2)).startsWith("PostgreSQL 17");
        }
    }

    @Test
    void postgresTakesExtraServerSettingsFromTheSettingsPropertyAndRefusesOnesWithoutAValue() throws Exception {
        System.setProperty(EmbeddedPostgresServer.SETTINGS_PROPERTY, "work_mem=7MB; application_name=bench");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start();
             var c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('work_mem')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("7MB");
        } finally {
            System.clearProperty(EmbeddedPostgresServer.SETTINGS_PROPERTY);
        }
        System.setProperty(EmbeddedPostgresServer.SETTINGS_PROPERTY, "shared_buffers");
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(EmbeddedPostgresServer::start)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected name=value, got shared_buffers");
        } finally {
            System.clearProperty(EmbeddedPostgresServer.SETTINGS_PROPERTY);
        }
    }

    @Test
    void redisStartsAndAnswersPing() throws Exception {
        try (EmbeddedRedisServer redis = EmbeddedRedisServer.start(0); Socket socket = new Socket("localhost", redis.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(answer).isEqualTo("+PONG");
        }
    }

    @Test
    void devTokensCarryTheRoleAndRefuseUnknownRoles() {
        DevKeys keys = DevKeys.loadOrCreate(java.nio.file.Path.of("target", "keys-test"));
        String token = keys.token("operator");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"groups\":[\"operator\"]").contains(DevKeys.ISSUER);
        assertThat(DevKeys.loadOrCreate(java.nio.file.Path.of("target", "keys-test")).publicKeyBase64()).isEqualTo(keys.publicKeyBase64());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> keys.token("root")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDevPrivateKeyIsReadableByItsOwnerOnly() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("target"), "keys");
        DevKeys.loadOrCreate(dir);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(dir.resolve("dev-signing-key.pk8")))).isEqualTo("rw-------");
    }
}
