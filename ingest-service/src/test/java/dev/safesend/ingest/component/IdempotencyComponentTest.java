package dev.safesend.ingest.component;

import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static dev.safesend.ingest.component.Ingest.bootstrap;
import static dev.safesend.ingest.component.Ingest.send;
import static dev.safesend.ingest.component.Ingest.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class IdempotencyComponentTest {

    private static final String BODY = """
            {"recipient":"+263771234567","project":"school","category":"UTILITY","clientReference":"%s",
             "template":{"name":"order_update","language":"en_US","bodyParameters":["Tariro","A-1001"]}}""";

    @BeforeEach
    void registrySynced() {
        Ingest.templatesSynced();
    }

    private static long published(TopicProbe lane, String reference) {
        return lane.drain(Duration.ofSeconds(1)).stream().filter(r -> {
            try {
                return reference.equals(((OutboundMessage) new dev.safesend.schemas.serde.AvroDeserializer()
                        .deserialize(r.topic(), r.value())).getClientReference());
            } catch (RuntimeException e) {
                return false;
            }
        }).count();
    }

    @Test
    void theSameKeyTwiceReturnsTheSameResultAndCreatesOneMessage() {
        String key = UUID.randomUUID().toString();
        String reference = "ref-" + key;
        try (TopicProbe lane = TopicProbe.atEnd(bootstrap(), Topics.OUTBOUND_URGENT.topicName())) {
            String first = send(key, BODY.formatted(reference)).statusCode(202).extract().path("messageId");
            send(key, BODY.formatted(reference)).statusCode(202).header("Idempotent-Replayed", "true")
                    .body("messageId", equalTo(first));
            assertThat(published(lane, reference)).isEqualTo(1);
        }
    }

    @Test
    void reusingAKeyWithADifferentBodyIsAConflictAndPublishesNothingNew() {
        String key = UUID.randomUUID().toString();
        send(key, BODY.formatted("ref-a-" + key)).statusCode(202);
        try (TopicProbe lane = TopicProbe.atEnd(bootstrap(), Topics.OUTBOUND_URGENT.topicName())) {
            send(key, BODY.formatted("ref-b-" + key)).statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("https://safesend.dev/problems/idempotency-key-reused"));
            assertThat(lane.drain(Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void aRejectedRequestDoesNotUseUpItsKey() {
        String key = UUID.randomUUID().toString();
        send(key, BODY.formatted("r").replace("+263771234567", "12")).statusCode(400);
        send(key, BODY.formatted("ref-" + key)).statusCode(202);
    }

    @Test
    void concurrentRequestsWithTheSameKeyCreateExactlyOneMessageAndAllGetIt() throws Exception {
        String key = UUID.randomUUID().toString();
        String reference = "ref-" + key;
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try (TopicProbe lane = TopicProbe.atEnd(bootstrap(), Topics.OUTBOUND_URGENT.topicName())) {
            List<Callable<ExtractableResponse<Response>>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(() -> given().auth().oauth2(token("sender")).contentType("application/json")
                        .header("Idempotency-Key", key).body(BODY.formatted(reference))
                        .when().post("/v1/messages").then().extract());
            }
            List<ExtractableResponse<Response>> answers = new ArrayList<>();
            for (Future<ExtractableResponse<Response>> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
            assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(202));
            Set<String> ids = answers.stream().map(a -> a.<String>path("messageId")).collect(Collectors.toSet());
            assertThat(ids).hasSize(1);
            assertThat(answers.stream().filter(a -> "true".equals(a.header("Idempotent-Replayed")))).hasSize(11);
            assertThat(published(lane, reference)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRequestsReusingAKeyWithDifferentBodiesGetOneAcceptanceAndConflicts() throws Exception {
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String body = BODY.formatted("ref-" + i + "-" + key);
                calls.add(() -> given().auth().oauth2(token("sender")).contentType("application/json")
                        .header("Idempotency-Key", key).body(body).when().post("/v1/messages").then().extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(202, 409);
            assertThat(statuses.stream().filter(s -> s == 202)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBatchReplayedWithItsKeyReturnsTheSameItemsAndADifferentBatchIsAConflict() {
        String key = UUID.randomUUID().toString();
        String batch = """
                {"messages":[{"recipient":"+263771234567","project":"school","category":"SERVICE","text":{"body":"one"}},
                             {"recipient":"bad","project":"school","category":"SERVICE","text":{"body":"two"}}]}""";
        var first = given().auth().oauth2(token("sender")).contentType("application/json").header("Idempotency-Key", key)
                .body(batch).when().post("/v1/messages:batch").then().statusCode(202).extract().jsonPath();
        given().auth().oauth2(token("sender")).contentType("application/json").header("Idempotency-Key", key)
                .body(batch).when().post("/v1/messages:batch").then().statusCode(202)
                .header("Idempotent-Replayed", "true")
                .body("items[0].message.messageId", equalTo(first.getString("items[0].message.messageId")))
                .body("items[1].errors[0].code", equalTo("invalid_recipient"));
        given().auth().oauth2(token("sender")).contentType("application/json").header("Idempotency-Key", key)
                .body(batch.replace("one", "uno")).when().post("/v1/messages:batch").then().statusCode(409);
    }
}
