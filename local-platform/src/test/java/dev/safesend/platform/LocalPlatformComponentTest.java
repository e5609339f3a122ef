package dev.safesend.platform;

import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.EmbeddedPostgresServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The launcher against real servers: the Kafka broker JVM from target/lib, embedded PostgreSQL and
 * Redis, and stand-in service JVMs ({@link FakeQuarkusService}) in place of the Quarkus jars. Runs
 * under failsafe (after package, which fills target/lib).
 */
class LocalPlatformComponentTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path LIB = MODULE.resolve("target").resolve("lib");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void infrastructureAndEveryServiceStartOnRandomPortsAndStopCleanly() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(MODULE.resolve("target")), "component-all-");
        Path repo = FakeRepository.create(dir.resolve("repo"), EnumSet.allOf(PlatformService.class));
        LocalPlatform platform = LocalPlatform.builder(repo).stateDir(dir.resolve("state")).randomPorts()
                .kafkaLibDir(LIB).readinessTimeout(Duration.ofSeconds(90))
                .systemProperty(PlatformService.ANALYTICS, "safesend.analytics.extra", "yes")
                .progress(System.out::println).build();
        List<Integer> ports = allPorts(platform);
        try {
            platform.start();

            assertKafkaHasEveryPlatformTopicAndCarriesRecords(platform.kafkaBootstrapServers());
            assertThat(query(platform.jdbcUrl(), "SELECT current_database()")).isEqualTo(EmbeddedPostgresServer.DATABASE);
            try (Jedis redis = new Jedis(URI.create(platform.redisUrl()))) {
                redis.set("component", "ok");
                assertThat(redis.get("component")).isEqualTo("ok");
            }

            for (PlatformService service : PlatformService.values()) {
                String props = get(platform.serviceUrl(service).resolve("/props"));
                assertThat(props)
                        .contains("quarkus.http.port=" + platform.ports().service(service) + "\n")
                        .contains("kafka.bootstrap.servers=" + platform.kafkaBootstrapServers() + "\n")
                        .contains("quarkus.datasource.jdbc.url=" + platform.jdbcUrl() + "\n")
                        .contains("quarkus.redis.hosts=" + platform.redisUrl() + "\n")
                        .contains("quarkus.oidc.public-key=" + platform.devKeys().publicKeyBase64() + "\n")
                        .contains("safesend.simulator.app-secret=" + platform.secrets().webhookAppSecret() + "\n")
                        .contains("safesend.dispatch.cloud-api.base-url=http://localhost:"
                                + platform.ports().service(PlatformService.CLOUD_API_SIMULATOR) + "\n");
                assertThat(Files.readString(platform.state().log(service.module()))).contains("fake service listening");
            }
            assertThat(get(platform.serviceUrl(PlatformService.ANALYTICS).resolve("/props")))
                    .contains("safesend.analytics.extra=yes\n");
            assertThat(get(platform.serviceUrl(PlatformService.INGEST).resolve("/props")))
                    .doesNotContain("safesend.analytics.extra");
            assertThat(Files.readString(platform.state().log(PlatformService.DISPATCH.module())))
                    .as("the default sender is registered in dispatch once everything is ready")
                    .contains("fake service registered sender").contains("\"senderId\":\"110000000000001\"");
            assertThat(platform.state().log("kafka")).content().contains("Kafka Server started");
            assertThat(platform.startupTimings()).containsKeys("Kafka", "PostgreSQL", "Redis", "Kafka topics",
                    "services", "all ready");
            assertThat(platform.exitedUnexpectedly()).isEmpty();
        } finally {
            platform.close();
        }
        assertThat(Files.readString(platform.state().log(PlatformService.INGEST.module()))).contains("fake service stopping");
        awaitAllFree(ports);
    }

    @Test
    void serviceThatExitsDuringStartupFailsTheStartNamingItWithTheTailOfItsLogAndStopsTheRest() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(MODULE.resolve("target")), "component-exit-");
        Path repo = FakeRepository.create(dir.resolve("repo"), EnumSet.allOf(PlatformService.class));
        LocalPlatform platform = LocalPlatform.builder(repo).stateDir(dir.resolve("state")).randomPorts()
                .kafkaLibDir(LIB).services(List.of(PlatformService.INGEST, PlatformService.CONSENT))
                .systemProperty(PlatformService.CONSENT, "fake.exit-code", "3")
                .progress(System.out::println).build();
        List<Integer> ports = allPorts(platform);

        assertThatThrownBy(platform::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("consent-service exited with code 3 during startup")
                .hasMessageContaining("missing configuration safesend.fake.thing");

        awaitAllFree(ports);
    }

    @Test
    void secondStartReusesTheStateFolderWithItsTopicsDataAndSecrets() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(MODULE.resolve("target")), "component-restart-");
        PlatformPorts ports = PlatformPorts.randomFree();
        LocalPlatform first = LocalPlatform.builder(dir).stateDir(dir.resolve("state")).ports(ports)
                .kafkaLibDir(LIB).withoutServices().build();
        PlatformSecrets secrets;
        try {
            first.start();
            secrets = first.secrets();
            query(first.jdbcUrl(), "CREATE TABLE kept (id int)");
            produce(first.kafkaBootstrapServers(), Topics.CONSENT_CHANGES.topicName(), "+263771234567", "kept");
        } finally {
            first.close();
        }
        awaitAllFree(allPorts(first));

        LocalPlatform second = LocalPlatform.builder(dir).stateDir(dir.resolve("state")).ports(ports)
                .kafkaLibDir(LIB).withoutServices().build();
        try {
            second.start();
            assertThat(second.secrets()).isEqualTo(secrets);
            assertThat(query(second.jdbcUrl(), "SELECT count(*) FROM kept")).isEqualTo("0");
            assertThat(consumeAll(second.kafkaBootstrapServers(), Topics.CONSENT_CHANGES.topicName()))
                    .containsExactly("+263771234567=kept");
        } finally {
            second.close();
        }
    }

    private static void assertKafkaHasEveryPlatformTopicAndCarriesRecords(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.listTopics().names().get()).containsAll(Topics.allTopicNamesWithDlq());
            assertThat(admin.describeTopics(List.of(Topics.OUTBOUND_URGENT.topicName())).allTopicNames().get()
                    .get(Topics.OUTBOUND_URGENT.topicName()).partitions()).hasSize(KafkaBroker.PARTITIONS);
        }
        produce(bootstrap, Topics.MESSAGE_EVENTS.topicName(), "m-1", "hello");
        assertThat(consumeAll(bootstrap, Topics.MESSAGE_EVENTS.topicName())).containsExactly("m-1=hello");
    }

    private static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<String> consumeAll(String bootstrap, String topic) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "component-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
                return !seen.isEmpty();
            });
        }
        return seen;
    }

    private static String query(String jdbcUrl, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             Statement s = c.createStatement()) {
            if (!s.execute(sql)) {
                return null;
            }
            try (ResultSet rs = s.getResultSet()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static List<Integer> allPorts(LocalPlatform platform) {
        return List.copyOf(platform.ports().named(platform.services()).values());
    }

    private static void awaitAllFree(List<Integer> ports) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(ports).allMatch(PlatformPorts::isFree));
    }
}
