package dev.safesend.platform;

import dev.safesend.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform, started as {@code ./safesend up} starts it but on random ports with its state
 * under target/: a template message goes REST → ingest → {@code wa.outbound.urgent.v1} → dispatch →
 * cloud-api-simulator → signed status webhook → ingest → {@code wa.message-events.v1} → analytics,
 * which shows it DELIVERED (or READ). And the webhook refuses what is not signed with the app secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfSystemProperty(named = "safesend.e2e.enabled", matches = "true",
        disabledReason = "skipped with -Dsafesend.e2e.enabled=false (property in local-platform/pom.xml)")
class PlatformEndToEndIT {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(90);
    private static final String RECIPIENT = "+263771234567";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private LocalPlatform platform;
    private SafesendApiClient api;

    @BeforeAll
    void startTheWholePlatformOnRandomPorts() throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(MODULE.resolve("target")), "e2e-state-");
        platform = LocalPlatform.builder(repoRoot()).stateDir(state).randomPorts()
                .progress(line -> System.out.println("[e2e] " + line)).build();
        platform.start();
        api = new SafesendApiClient(platform.serviceUrl(PlatformService.INGEST), platform.serviceUrl(PlatformService.ANALYTICS));
    }

    @AfterAll
    void stopThePlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void templateMessageTravelsFromTheRestApiThroughDispatchAndTheSimulatorToDeliveredInAnalytics() {
        api.grantConsent(platform.serviceUrl(PlatformService.CONSENT), platform.devKeys().token("admin"), RECIPIENT, "e2e",
                "e2e opt-in form 1");
        String messageId = api.sendTemplate(platform.devKeys().token("sender"), RECIPIENT, "e2e", "UTILITY",
                "order_update", "en_US", List.of("Tariro", "A-1001"));

        String viewer = platform.devKeys().token("viewer");
        AtomicReference<SafesendApiClient.MessageView> seen = new AtomicReference<>();
        await("analytics shows " + messageId + " DELIVERED or READ").atMost(DELIVERY_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Optional<SafesendApiClient.MessageView> view = api.findMessage(viewer, messageId);
                    view.ifPresent(seen::set);
                    assertThat(view).as("analytics view (last seen: %s)", seen.get()).isPresent();
                    assertThat(view.get().status()).isIn("DELIVERED", "READ");
                    // the webhook can overtake dispatch's SUBMITTED event (both race to analytics): wait for every hop
                    assertThat(view.get().timeline()).as("each hop reported its step")
                            .anyMatch(step -> is(step, "ACCEPTED", "INGEST"))
                            .anyMatch(step -> is(step, "SUBMITTED", "DISPATCH"))
                            .anyMatch(step -> is(step, "DELIVERED", "WEBHOOK") || is(step, "READ", "WEBHOOK"));
                });

        SafesendApiClient.MessageView view = seen.get();
        System.out.println("[e2e] " + view);
        assertThat(view.messageId()).isEqualTo(messageId);
        assertThat(view.recipient()).isEqualTo(RECIPIENT);
        assertThat(view.wamid()).as("wamid given by the simulator").isNotBlank();

        // the hops between services, on the topics themselves (raw bytes: an Avro string is its UTF-8 bytes, so
        // this does not depend on the shared-schemas version on this test's classpath)
        assertThat(recordsOn(Topics.OUTBOUND_URGENT.topicName(), record -> contains(record.value(), messageId), 1))
                .as("the UTILITY message went to the urgent lane, keyed by its sender")
                .allMatch(record -> record.key() != null && view.senderId().equals(record.key()));
        assertThat(recordsOn(Topics.MESSAGE_EVENTS.topicName(), record -> messageId.equals(record.key()), 3))
                .as("ingest, dispatch and the webhook each published a message event keyed by the messageId")
                .hasSizeGreaterThanOrEqualTo(3);
    }

    private static boolean is(SafesendApiClient.TimelineEntry step, String status, String source) {
        return status.equalsIgnoreCase(step.status()) && source.equalsIgnoreCase(step.source());
    }

    private static boolean contains(byte[] value, String text) {
        return value != null && new String(value, StandardCharsets.ISO_8859_1)
                .contains(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    @Test
    void webhookWithAForgedSignatureIsRefusedWith401() throws Exception {
        String body = statusWebhook("wamid.forged-1");

        HttpResponse<String> response = postWebhook(body, Optional.of(signature(body, "not-the-app-secret")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    }

    @Test
    void webhookWithoutASignatureIsRefusedWith401() throws Exception {
        HttpResponse<String> response = postWebhook(statusWebhook("wamid.unsigned-1"), Optional.empty());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    }

    @Test
    void webhookSignedWithTheSharedAppSecretIsAccepted() throws Exception {
        String body = statusWebhook("wamid.signed-1");

        HttpResponse<String> response = postWebhook(body, Optional.of(signature(body, platform.secrets().webhookAppSecret())));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void webhookVerificationEchoesTheChallengeOnlyForTheSharedVerifyToken() throws Exception {
        assertThat(verifyWebhook(platform.secrets().webhookVerifyToken())).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("challenge-42");
        });
        assertThat(verifyWebhook("wrong-token").statusCode()).isEqualTo(403);
    }

    /** A Meta status webhook for a message that is not ours (no callback data). */
    private static String statusWebhook(String wamid) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
                 "value":{"messaging_product":"whatsapp",
                  "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
                  "statuses":[{"id":"%s","status":"delivered","timestamp":"1750263773","recipient_id":"263771234567"}]}}]}]}
                """.formatted(wamid);
    }

    private static String signature(String body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> postWebhook(String body, Optional<String> signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        signature.ifPresent(s -> request.header("X-Hub-Signature-256", s));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> verifyWebhook(String token) throws Exception {
        URI uri = URI.create(webhook() + "?hub.mode=subscribe&hub.challenge=challenge-42&hub.verify_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI webhook() {
        return platform.serviceUrl(PlatformService.INGEST).resolve(ServiceSystemProperties.WEBHOOK_PATH);
    }

    /** Reads the topic from the start until at least {@code atLeast} records match. */
    private List<ConsumerRecord<String, byte[]>> recordsOn(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
                                                           int atLeast) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await("at least " + atLeast + " matching records on " + topic).atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (match.test(record)) {
                        found.add(record);
                    }
                }
                return found.size() >= atLeast;
            });
        }
        return found;
    }

    /** Walks up from this module to the folder holding the {@code safesend} script. */
    private static Path repoRoot() {
        for (Path dir = MODULE; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("safesend")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder holding the 'safesend' script above " + MODULE);
    }
}
