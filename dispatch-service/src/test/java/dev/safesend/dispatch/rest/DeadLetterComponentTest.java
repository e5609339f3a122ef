package dev.safesend.dispatch.rest;

import dev.safesend.dispatch.client.FakeCloudApiResource;
import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.common.TemplateContent;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.SafesendInfraResource;
import dev.safesend.testsupport.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
@QuarkusTestResource(FakeCloudApiResource.class)
class DeadLetterComponentTest {

    private static final String BULK = Topics.OUTBOUND_BULK.topicName();
    private static final String BULK_DLQ = Topics.OUTBOUND_BULK.dlqName();
    private static final AvroSerializer AVRO = new AvroSerializer();
    private static KafkaProducer<String, byte[]> producer;

    @Inject
    AgroalDataSource db;

    @BeforeAll
    static void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()), new StringSerializer(),
                new ByteArraySerializer());
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

    /** An already expired message of an unregistered number: whatever dispatch makes of a re-driven copy, it sends nothing. */
    private static OutboundMessage message(String senderId) {
        return message(senderId, "school");
    }

    private static OutboundMessage message(String senderId, String project) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return OutboundMessage.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setMessageId(UUID.randomUUID().toString())
                .setProject(project).setSenderId(senderId).setRecipient("+263771234567").setCategory(Category.MARKETING)
                .setTemplate(TemplateContent.newBuilder().setName("promo").setLanguage("en_US").setBodyParameters(List.of("Tariro")).build())
                .setExpiresAt(now.minus(1, ChronoUnit.HOURS)).build();
    }

    private static byte[] bytes(OutboundMessage m) {
        return AVRO.serialize(BULK, m);
    }

    /** Dead-letters {@code value} as SmallRye does, plus dispatch's own reason and a header of the original record. */
    private static RecordMetadata deadLetter(String key, byte[] value) throws Exception {
        List<Header> headers = List.of(
                header("dead-letter-reason", "Cloud API kept answering 131000"),
                header("dead-letter-cause", "boom"),
                header("dead-letter-topic", BULK),
                header("dead-letter-partition", "0"),
                header("dead-letter-offset", "42"),
                header("safesend-reason", "META_131000"),
                header("safesend-error-code", "131000"),
                header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        return producer.send(new ProducerRecord<>(BULK_DLQ, null, key, value, headers)).get();
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String senderId() {
        return "16" + String.format("%013d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000_000_000L));
    }

    /** Every record of the bulk DLQ, read page by page through the API. */
    private static List<Map<String, Object>> wholeDlq(int pageSize) {
        return wholeDlq(pageSize, token("viewer"));
    }

    private static List<Map<String, Object>> wholeDlq(int pageSize, String token) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 1_000; pages++) {
            var request = given().auth().oauth2(token).queryParam("limit", pageSize);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/v1/dlq/" + BULK).then().statusCode(200).contentType(ContentType.JSON)
                    .extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            assertThat(items.size()).isLessThanOrEqualTo(pageSize);
            all.addAll(items);
            cursor = page.getString("nextCursor");
            if (cursor == null) {
                return all;
            }
        }
        throw new AssertionError("the DLQ did not end within 1,000 pages");
    }

    private static Optional<Map<String, Object>> at(List<Map<String, Object>> items, RecordMetadata where) {
        return items.stream().filter(i -> ((Number) i.get("partition")).intValue() == where.partition()
                && ((Number) i.get("offset")).longValue() == where.offset()).findFirst();
    }

    private void ledger(String messageId, String senderId, String state, Instant claimedAt) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO send_ledger (message_id, sender_id, state, wamid, error_code, claimed_at, settled_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            s.setString(1, messageId);
            s.setString(2, senderId);
            s.setString(3, state);
            s.setString(4, "SUBMITTED".equals(state) ? "wamid." + messageId : null);
            s.setObject(5, "FAILED".equals(state) ? 131000 : null);
            s.setTimestamp(6, Timestamp.from(claimedAt));
            s.setTimestamp(7, Timestamp.from(claimedAt));
            s.executeUpdate();
        }
    }

    private List<String> ledgerRows(String messageId) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT state || '@' || claimed_at FROM send_ledger WHERE message_id = ?")) {
            s.setString(1, messageId);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }

    private static String headerOf(ConsumerRecord<String, byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aDeadLetterIsListedWithEveryHeaderAndTheMessageIdWhenItDecodes() throws Exception {
        String sender = senderId();
        OutboundMessage m = message(sender);
        RecordMetadata good = deadLetter(sender, bytes(m));
        RecordMetadata poison = deadLetter(sender, "not avro at all".getBytes(StandardCharsets.UTF_8));

        List<Map<String, Object>> dlq = wholeDlq(2);

        Map<String, Object> listed = at(dlq, good).orElseThrow();
        assertThat(listed).containsEntry("key", sender).containsEntry("decodable", true)
                .containsEntry("recordType", "OutboundMessage").containsEntry("messageId", m.getMessageId())
                .containsEntry("project", "school");
        assertThat(Instant.parse((String) listed.get("timestamp"))).isEqualTo(Instant.ofEpochMilli(good.timestamp()));
        assertThat((Map<String, Object>) listed.get("headers"))
                .containsEntry("dead-letter-reason", "Cloud API kept answering 131000")
                .containsEntry("dead-letter-cause", "boom").containsEntry("dead-letter-topic", BULK)
                .containsEntry("dead-letter-partition", "0").containsEntry("dead-letter-offset", "42")
                .containsEntry("safesend-reason", "META_131000").containsEntry("safesend-error-code", "131000");
        assertThat(at(dlq, poison).orElseThrow()).containsEntry("decodable", false).containsEntry("messageId", null)
                .containsEntry("recordType", null).containsEntry("project", null);
        assertThat(dlq.stream().map(i -> i.get("partition") + "/" + i.get("offset")).distinct().count())
                .as("no record is listed on two pages").isEqualTo(dlq.size());
    }

    @Test
    void aRedriveByMessageIdRepublishesWithoutDeadLetterHeadersReleasesAFailedSendAndSkipsASubmittedOne() throws Exception {
        String sender = senderId();
        OutboundMessage failed = message(sender);
        OutboundMessage submitted = message(sender);
        Instant claimed = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        ledger(failed.getMessageId(), sender, "FAILED", claimed);
        ledger(submitted.getMessageId(), sender, "SUBMITTED", claimed);
        RecordMetadata failedAt = deadLetter(sender, bytes(failed));
        deadLetter(sender, bytes(submitted));
        String missing = UUID.randomUUID().toString();

        try (TopicProbe bulk = TopicProbe.atEnd(bootstrap(), BULK)) {
            given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                    .body(Map.of("messageIds", List.of(failed.getMessageId(), submitted.getMessageId(), missing)))
                    .when().post("/v1/dlq/" + BULK + "/redrive").then().statusCode(200)
                    .body("redriven", equalTo(1))
                    .body("records[0].messageId", equalTo(failed.getMessageId()))
                    .body("records[0].partition", equalTo(failedAt.partition()))
                    .body("records[0].offset", equalTo((int) failedAt.offset()))
                    .body("skipped", hasSize(1))
                    .body("skipped[0].messageId", equalTo(submitted.getMessageId()))
                    .body("skipped[0].reason", equalTo("already submitted"))
                    .body("skipped[0].ledgerState", equalTo("SUBMITTED"))
                    .body("notFound", hasSize(1)).body("notFound[0].messageId", equalTo(missing))
                    .body("failed", hasSize(0));

            assertThat(ledgerRows(failed.getMessageId())).as("the FAILED row is released")
                    .noneMatch(row -> row.startsWith("FAILED@"));
            assertThat(ledgerRows(submitted.getMessageId())).hasSize(1).allMatch(row -> row.startsWith("SUBMITTED@"));

            String from = BULK_DLQ + "/" + failedAt.partition() + "/" + failedAt.offset();
            ConsumerRecord<String, byte[]> copy = bulk.awaitRaw(r -> from.equals(headerOf(r, "safesend-redriven-from")), 1,
                    Duration.ofSeconds(20)).get(0);
            assertThat(copy.key()).isEqualTo(sender);
            assertThat(copy.value()).isEqualTo(bytes(failed));
            assertThat(headerOf(copy, "traceparent")).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            assertThat(headerOf(copy, "safesend-reason")).isEqualTo("META_131000");
            assertThat(copy.headers().toArray()).noneMatch(h -> h.key().startsWith("dead-letter-"));
            // same key, same partition, published in order: had the submitted one gone, it would follow the released one
            assertThat(bulk.drain(Duration.ofSeconds(1))).noneMatch(r -> r.key().equals(sender) && Arrays.equals(r.value(), bytes(submitted)));
        }
    }

    @Test
    void aRedriveByPositionRepublishesEvenAPoisonRecordAndReportsPositionsWithoutARecord() throws Exception {
        String sender = senderId();
        byte[] poison = ("poison " + sender).getBytes(StandardCharsets.UTF_8);
        RecordMetadata at = deadLetter(sender, poison);

        try (TopicProbe bulk = TopicProbe.atEnd(bootstrap(), BULK)) {
            given().auth().oauth2(token("admin")).contentType(ContentType.JSON)
                    .body(Map.of("records", List.of(
                            Map.of("partition", at.partition(), "offset", at.offset()),
                            Map.of("partition", at.partition(), "offset", at.offset()),
                            Map.of("partition", at.partition(), "offset", 10_000_000),
                            Map.of("partition", 99, "offset", 0))))
                    .when().post("/v1/dlq/" + BULK + "/redrive").then().statusCode(200)
                    .body("redriven", equalTo(1)).body("records[0].messageId", equalTo(null))
                    .body("notFound", hasSize(2)).body("notFound.partition", hasItem(99))
                    .body("notFound.offset", hasItem(10_000_000));

            String from = BULK_DLQ + "/" + at.partition() + "/" + at.offset();
            ConsumerRecord<String, byte[]> copy = bulk.awaitRaw(r -> from.equals(headerOf(r, "safesend-redriven-from")), 1,
                    Duration.ofSeconds(20)).get(0);
            assertThat(copy.value()).isEqualTo(poison);
            assertThat(copy.key()).isEqualTo(sender);
        }
    }

    @Test
    void aProjectsTokenSeesAndRedrivesOnlyItsProjectsDeadLetters() throws Exception {
        String sender = senderId();
        OutboundMessage school = message(sender, "school");
        OutboundMessage clinic = message(sender, "clinic");
        RecordMetadata schoolAt = deadLetter(sender, bytes(school));
        RecordMetadata clinicAt = deadLetter(sender, bytes(clinic));
        RecordMetadata poisonAt = deadLetter(sender, ("poison " + sender).getBytes(StandardCharsets.UTF_8));
        String clinicViewer = SafesendInfraResource.testKeys().token("viewer", List.of("clinic"));
        String clinicOperator = SafesendInfraResource.testKeys().token("operator", List.of("clinic"));

        List<Map<String, Object>> seen = wholeDlq(3, clinicViewer);
        assertThat(at(seen, clinicAt)).isPresent();
        assertThat(at(seen, schoolAt)).as("another project's dead letter").isEmpty();
        assertThat(at(seen, poisonAt)).as("a record naming no project is for every-project tokens only").isEmpty();
        assertThat(seen).allSatisfy(item -> assertThat(item).containsEntry("project", "clinic"));
        assertThat(at(wholeDlq(50), schoolAt)).as("a token for every project sees it").isPresent();

        String redrive = "/v1/dlq/" + BULK + "/redrive";
        try (TopicProbe bulk = TopicProbe.atEnd(bootstrap(), BULK)) {
            given().auth().oauth2(clinicOperator).contentType(ContentType.JSON)
                    .body(Map.of("messageIds", List.of(clinic.getMessageId(), school.getMessageId())))
                    .when().post(redrive).then().statusCode(403).contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("school"));
            given().auth().oauth2(clinicOperator).contentType(ContentType.JSON)
                    .body(Map.of("records", List.of(Map.of("partition", poisonAt.partition(), "offset", poisonAt.offset()))))
                    .when().post(redrive).then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(clinicOperator).contentType(ContentType.JSON)
                    .body(Map.of("messageIds", List.of(clinic.getMessageId())))
                    .when().post(redrive).then().statusCode(200).body("redriven", equalTo(1))
                    .body("records[0].messageId", equalTo(clinic.getMessageId()));

            String clinicFrom = BULK_DLQ + "/" + clinicAt.partition() + "/" + clinicAt.offset();
            bulk.awaitRaw(r -> clinicFrom.equals(headerOf(r, "safesend-redriven-from")), 1, Duration.ofSeconds(20));
            assertThat(bulk.drain(Duration.ofSeconds(1))).as("the refused selections re-published nothing, the allowed one once")
                    .filteredOn(r -> headerOf(r, "safesend-redriven-from") != null).extracting(r -> headerOf(r, "safesend-redriven-from")).containsExactly(clinicFrom);
        }
    }

    @Test
    void onlyTheTopicsDispatchConsumesHaveADeadLetterView() {
        given().auth().oauth2(token("viewer")).when().get("/v1/dlq/" + Topics.SEND_REQUESTS.topicName()).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(token("viewer")).when().get("/v1/dlq/no-such-topic").then().statusCode(404);
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("{\"messageIds\":[\"m\"]}")
                .when().post("/v1/dlq/" + Topics.CONVERSIONS.topicName() + "/redrive").then().statusCode(404);
        for (Topics consumed : List.of(Topics.OUTBOUND_URGENT, Topics.CONSENT_CHANGES, Topics.INBOUND_MESSAGES,
                Topics.SENDER_HEALTH, Topics.CONTACT_ENGAGEMENT, Topics.CAMPAIGN_EVENTS, Topics.MESSAGE_EVENTS)) {
            given().auth().oauth2(token("viewer")).when().get("/v1/dlq/" + consumed.topicName()).then().statusCode(200);
        }
    }

    @Test
    void aViewerReadsTheDeadLettersButOnlyAnOperatorOrAdminRedrivesThem() {
        given().auth().oauth2(token("viewer")).contentType(ContentType.JSON).body("{\"messageIds\":[\"m\"]}")
                .when().post("/v1/dlq/" + BULK + "/redrive").then().statusCode(403).contentType("application/problem+json");
        given().when().get("/v1/dlq/" + BULK).then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"messageIds\":[\"m\"]}").when().post("/v1/dlq/" + BULK + "/redrive")
                .then().statusCode(401);
    }

    @Test
    void aRedriveNeedsExactlyOneSelectionOfAtMostAThousand() {
        String redrive = "/v1/dlq/" + BULK + "/redrive";
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("{}").when().post(redrive)
                .then().statusCode(400).contentType("application/problem+json").body("errors.code", hasItem("required"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"records\":[{\"partition\":0,\"offset\":1}],\"messageIds\":[\"m\"]}").when().post(redrive)
                .then().statusCode(400).body("errors.code", hasItem("exclusive"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(Map.of("messageIds", IntStream.range(0, 1_001).mapToObj(i -> "m" + i).toList())).when().post(redrive)
                .then().statusCode(400).body("errors.code", hasItem("too_many"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("{\"records\":[{\"partition\":0}]}")
                .when().post(redrive).then().statusCode(400).body("errors.field", hasItem("records[0].offset"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("{\"messageIds\":[\"m\"]}")
                .when().post("/v1/dlq/" + Topics.CONSENT_CHANGES.topicName() + "/redrive")
                .then().statusCode(400).body("errors.code", hasItem("not_supported"));
        given().auth().oauth2(token("viewer")).queryParam("limit", 501).when().get("/v1/dlq/" + BULK)
                .then().statusCode(400).body("errors.field", hasItem("limit"));
        given().auth().oauth2(token("viewer")).queryParam("cursor", "%%%").when().get("/v1/dlq/" + BULK)
                .then().statusCode(400).body("errors.field", hasItem("cursor"));
    }
}
