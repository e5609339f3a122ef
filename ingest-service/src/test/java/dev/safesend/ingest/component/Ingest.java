package dev.safesend.ingest.component;

import dev.safesend.ingest.domain.WebhookSignature;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.testsupport.SafesendInfraResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static io.restassured.RestAssured.given;

/** What ingest's component tests share: tokens, the broker, signed webhooks, Kafka records, the synced registry. */
final class Ingest {

    static final String APP_SECRET = "dev-app-secret";
    private static volatile boolean synced;

    private Ingest() {
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static String token(String role) {
        return SafesendInfraResource.testKeys().token(role);
    }

    /** A token of {@code role} for subject {@code dev-<role>} that may act only for {@code projects}. */
    static String token(String role, String... projects) {
        return SafesendInfraResource.testKeys().token(role, java.util.List.of(projects));
    }

    /** Registers a project (as an admin of every project) with the given quotas (null: unlimited). */
    static void register(String id, Long perDay, Long perMonth) {
        String quotas = "{" + (perDay == null ? "" : "\"messagesPerDay\":" + perDay)
                + (perDay != null && perMonth != null ? "," : "") + (perMonth == null ? "" : "\"messagesPerMonth\":" + perMonth) + "}";
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON)
                .body("{\"id\":\"" + id + "\",\"displayName\":\"" + id + "\",\"owners\":[\"team-" + id + "\"],\"quotas\":" + quotas + "}")
                .when().post("/v1/projects").then().log().ifValidationFails().statusCode(201);
    }

    /** A project's usage as the API answers it. */
    static ValidatableResponse usage(String id) {
        return given().auth().oauth2(token("viewer")).when().get("/v1/projects/" + id + "/usage").then();
    }

    /** The registry is synced at start in the background; tests that need it sync once more, synchronously. */
    static synchronized void templatesSynced() {
        if (!synced) {
            given().auth().oauth2(token("admin")).when().post("/v1/templates:sync").then().log().ifValidationFails().statusCode(200);
            synced = true;
        }
    }

    static ValidatableResponse send(String json) {
        return given().auth().oauth2(token("sender")).contentType(ContentType.JSON).body(json)
                .when().post("/v1/messages").then();
    }

    static ValidatableResponse send(String idempotencyKey, String json) {
        return given().auth().oauth2(token("sender")).contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                .body(json).when().post("/v1/messages").then();
    }

    static ValidatableResponse sendBatch(String json) {
        return given().auth().oauth2(token("sender")).contentType(ContentType.JSON).body(json)
                .when().post("/v1/messages:batch").then();
    }

    static ValidatableResponse webhook(byte[] body) {
        return given().header("X-Hub-Signature-256", WebhookSignature.sign(body, APP_SECRET))
                .contentType(ContentType.JSON).body(body).when().post("/webhooks/whatsapp").then();
    }

    static byte[] fixture(String name) {
        try (InputStream in = Ingest.class.getResourceAsStream("/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void produce(String topic, String key, SpecificRecord value) {
        produceRaw(topic, key, value == null ? null : new AvroSerializer().serialize(topic, value));
    }

    static void produceRaw(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    static String statusWebhook(String wamid, String status, String timestamp, String callbackData) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"100000000000001","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000001","phone_number_id":"110000000000001"},
                 "statuses":[{"id":"%s","status":"%s","timestamp":"%s","recipient_id":"16505551234",
                   "biz_opaque_callback_data":"%s",
                   "pricing":{"billable":true,"pricing_model":"PMP","type":"regular","category":"utility"}}]}}]}]}"""
                .formatted(wamid, status, timestamp, callbackData);
    }
}
