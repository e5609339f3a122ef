package dev.safesend.ingest.component;

import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.common.TemplateContent;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.message.SendRequest;
import dev.safesend.schemas.serde.AvroDeserializer;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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
import static dev.safesend.ingest.component.Ingest.produce;
import static dev.safesend.ingest.component.Ingest.send;
import static dev.safesend.ingest.component.Ingest.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class IdempotencyComponentTest {

    private static final String BODY = """
            {"recipient":"+263771234567","project":"school","category":"UTILITY","clientReference":"%s",
             "template":{"name":"order_update","language":"en_US","bodyParameters":["Tariro","A-1001"]}}""";

    @Inject
    DataSource dataSource;

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

    /** The message ids of what the lane carried for the client reference. */
    private static List<String> publishedIds(TopicProbe lane, String reference) {
        AvroDeserializer avro = new AvroDeserializer();
        return lane.drain(Duration.ofSeconds(1)).stream().map(r -> {
            try {
                return (OutboundMessage) avro.deserialize(r.topic(), r.value());
            } catch (RuntimeException e) {
                return null;
            }
        }).filter(m -> m != null && reference.equals(m.getClientReference())).map(OutboundMessage::getMessageId).toList();
    }

    /**
     * What a crash after Kafka's acknowledgement and before the commit leaves behind: the records are published, but
     * the key and (with {@code andTheRecord}) the accepted_message rows were never committed.
     */
    private void loseTheCommit(String scope, String key, boolean andTheRecord) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (andTheRecord) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM accepted_message WHERE request_id = ?")) {
                    s.setString(1, key);
                    assertThat(s.executeUpdate()).isPositive();
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM idempotency_key WHERE scope = ? AND idem_key = ?")) {
                s.setString(1, scope);
                s.setString(2, key);
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
        }
    }

    private long records(String messageId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM accepted_message WHERE message_id = ?")) {
            s.setString(1, messageId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aRetryAfterACommitLostInACrashIsAnsweredTheSameMessageIdAndPublishesThatIdAgain() throws Exception {
        String key = UUID.randomUUID().toString();
        String reference = "lost-" + key;
        String first;
        try (TopicProbe lane = TopicProbe.atEnd(bootstrap(), Topics.OUTBOUND_URGENT.topicName())) {
            first = send(key, BODY.formatted(reference)).statusCode(202).extract().path("messageId");
            loseTheCommit("rest", key, true);

            // accepted afresh (nothing was stored), under the id that is already on its way
            send(key, BODY.formatted(reference)).statusCode(202).header("Idempotent-Replayed", nullValue())
                    .body("messageId", equalTo(first));
            send(key, BODY.formatted(reference)).statusCode(202).header("Idempotent-Replayed", "true")
                    .body("messageId", equalTo(first));
            // the lane carries the same message twice: dispatch's send ledger claims by message id and sends it once
            assertThat(publishedIds(lane, reference)).containsExactly(first, first);
        }
        assertThat(records(first)).isEqualTo(1);
    }

    @Test
    void theSameKeyAndBodyOnceTheKeysTimeIsOverAreANewMessageAndItsRetryAfterALostCommitKeepsItsId() throws Exception {
        String key = UUID.randomUUID().toString();
        String reference = "expired-" + key;
        String first;
        String second;
        try (TopicProbe lane = TopicProbe.atEnd(bootstrap(), Topics.OUTBOUND_URGENT.topicName())) {
            first = send(key, BODY.formatted(reference)).statusCode(202).extract().path("messageId");
            loseTheCommit("rest", key, false); // as after its 24 h: the key is purged, the first message's record stays

            second = send(key, BODY.formatted(reference)).statusCode(202).header("Idempotent-Replayed", nullValue())
                    .extract().path("messageId");
            assertThat(second).isNotEqualTo(first);
            // and that new message is as safe from a crash as the first one was
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("DELETE FROM accepted_message WHERE message_id = ?")) {
                s.setString(1, second);
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
            loseTheCommit("rest", key, false);
            send(key, BODY.formatted(reference)).statusCode(202).body("messageId", equalTo(second));
            assertThat(publishedIds(lane, reference)).containsExactly(first, second, second);
        }
        assertThat(records(first)).isEqualTo(1);
        assertThat(records(second)).isEqualTo(1);
    }

    @Test
    void twoKeysForTheSameBodyAreTwoMessagesAndNoKeyGivesARandomIdEachTime() {
        String reference = "twins-" + UUID.randomUUID();
        Set<String> ids = Set.of(
                send(UUID.randomUUID().toString(), BODY.formatted(reference)).statusCode(202).extract().path("messageId"),
                send(UUID.randomUUID().toString(), BODY.formatted(reference)).statusCode(202).extract().path("messageId"),
                Ingest.send(BODY.formatted(reference)).statusCode(202).extract().path("messageId"),
                Ingest.send(BODY.formatted(reference)).statusCode(202).extract().path("messageId"));
        assertThat(ids).hasSize(4);
    }

    @Test
    void aBatchRetriedAfterALostCommitIsAnsweredTheSameIdForEachItem() throws Exception {
        String key = UUID.randomUUID().toString();
        String batch = """
                {"messages":[{"recipient":"+263771234567","project":"school","category":"SERVICE","text":{"body":"one"}},
                             {"recipient":"+263771234568","project":"school","category":"SERVICE","text":{"body":"one"}}]}""";
        var first = given().auth().oauth2(token("sender")).contentType("application/json").header("Idempotency-Key", key)
                .body(batch).when().post("/v1/messages:batch").then().statusCode(202).extract().jsonPath();
        String a = first.getString("items[0].message.messageId");
        String b = first.getString("items[1].message.messageId");
        assertThat(a).isNotEqualTo(b);
        loseTheCommit("batch", key, true);

        given().auth().oauth2(token("sender")).contentType("application/json").header("Idempotency-Key", key)
                .body(batch).when().post("/v1/messages:batch").then().statusCode(202)
                .header("Idempotent-Replayed", nullValue())
                .body("items[0].message.messageId", equalTo(a))
                .body("items[1].message.messageId", equalTo(b));
        assertThat(records(a) + records(b)).isEqualTo(2);
    }

    @Test
    void aKafkaRequestRedeliveredAfterALostCommitPublishesTheSameMessageIdAgain() throws Exception {
        String requestId = "req-" + UUID.randomUUID();
        SendRequest request = SendRequest.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setRequestId(requestId).setProject("school").setRecipient("+263771234567").setCategory(Category.UTILITY)
                .setTemplate(TemplateContent.newBuilder().setName("order_update").setLanguage("en_US")
                        .setBodyParameters(List.of("Tariro", "K-1")).build()).build();
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            produce(Topics.SEND_REQUESTS.topicName(), requestId, request);
            String first = ((MessageStatusChanged) events.await(x -> requestId.equals(((MessageStatusChanged) x.value()).getRequestId()),
                    1, Duration.ofSeconds(15)).get(0).value()).getMessageId();
            // the event is published before the consumer's transaction commits: wait for the commit, then lose it
            await().atMost(Duration.ofSeconds(10)).until(() -> completed("kafka", requestId));
            loseTheCommit("kafka", requestId, true);

            produce(Topics.SEND_REQUESTS.topicName(), requestId, request); // the redelivery
            List<MessageStatusChanged> accepted = events.await(x -> requestId.equals(((MessageStatusChanged) x.value()).getRequestId()),
                    2, Duration.ofSeconds(15)).stream().map(r -> (MessageStatusChanged) r.value()).toList();
            assertThat(accepted).hasSize(2).allSatisfy(e -> {
                assertThat(e.getStatus()).isEqualTo(MessageStatus.ACCEPTED);
                assertThat(e.getMessageId()).isEqualTo(first);
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> completed("kafka", requestId));
            assertThat(records(first)).isEqualTo(1);
        }
    }

    private boolean completed(String scope, String key) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM idempotency_key WHERE scope = ? AND idem_key = ? AND outcome IS NOT NULL")) {
            s.setString(1, scope);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }
}
