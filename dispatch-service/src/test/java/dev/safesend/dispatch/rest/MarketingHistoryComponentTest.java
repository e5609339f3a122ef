package dev.safesend.dispatch.rest;

import dev.safesend.dispatch.GateFixtures;
import dev.safesend.dispatch.client.FakeCloudApiResource;
import dev.safesend.dispatch.domain.gate.MarketingHistoryRule;
import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.common.TemplateContent;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.servicekit.content.ContentDigest;
import dev.safesend.testsupport.SafesendInfraResource;
import dev.safesend.testsupport.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code POST /v1/recipients:marketing-history} against sends dispatch really made (marketing through the lanes, the gate
 * and the scripted Cloud API into send_ledger): the same per-person rules as the gate, over every address of a contact,
 * with the digest ingest computes (service-kit's ContentDigest); and the gate, asked next, does what the endpoint said.
 */
@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
@QuarkusTestResource(FakeCloudApiResource.class)
class MarketingHistoryComponentTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String PATH = "/v1/recipients:marketing-history";

    private static KafkaProducer<String, SpecificRecord> producer;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(), new AvroSerializer()::serialize);
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

    /** A number with no quiet hours (marketing goes at any time of day), unlimited budget, no ramp. */
    private static void registerSender(String senderId) {
        int status = given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body("""
                        {"senderId":"%s","wabaId":"100000000000001","displayNumber":"+15550000001","project":"school","pool":"main",
                         "messagesPerSecond":80,"portfolioId":"portfolio-%s","quietHoursStart":"00:00","quietHoursEnd":"00:00"}"""
                        .formatted(senderId, senderId))
                .when().post("/v1/senders").then().extract().statusCode();
        assertThat(status).isIn(201, 409);
    }

    private static String phone() {
        return "+2637718" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    private static String bsuid() {
        return "ZW." + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }

    /** The phone becomes another address of the BSUID's contact, whose consent is kept under the BSUID. */
    private void linked(String phone, String bsuid) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO consent_alias (address, contact_key) VALUES (?, ?)")) {
            s.setString(1, phone);
            s.setString(2, bsuid);
            s.executeUpdate();
        }
    }

    private static OutboundMessage marketing(String senderId, String recipient, String template, List<String> parameters) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return OutboundMessage.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setMessageId(UUID.randomUUID().toString())
                .setProject("school").setSenderId(senderId).setRecipient(recipient).setCategory(Category.MARKETING)
                .setTemplate(TemplateContent.newBuilder().setName(template).setLanguage("en_US").setBodyParameters(parameters).build())
                .setExpiresAt(now.plusSeconds(600)).build();
    }

    private static MessageStatusChanged sent(TopicProbe events, OutboundMessage m, MessageStatus status) throws Exception {
        producer.send(new ProducerRecord<>(Topics.OUTBOUND_BULK.topicName(), m.getSenderId(), m)).get();
        return (MessageStatusChanged) events.await(r -> m.getMessageId().equals(r.key())
                && ((MessageStatusChanged) r.value()).getStatus() == status, 1, WITHIN).get(0).value();
    }

    private Instant claimedAt(String messageId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT claimed_at FROM send_ledger WHERE message_id = ?")) {
            s.setString(1, messageId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("a ledger row for " + messageId).isTrue();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    private static String items(Object... recipientAndHash) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < recipientAndHash.length; i += 2) {
            b.append(i == 0 ? "" : ",").append("{\"recipient\":\"%s\",\"contentHash\":\"%s\"}".formatted(recipientAndHash[i], recipientAndHash[i + 1]));
        }
        return "[" + b + "]";
    }

    private static JsonPath ask(String body) {
        return given().auth().oauth2(token("viewer")).contentType(ContentType.JSON).body(body)
                .when().post(PATH).then().log().ifValidationFails().statusCode(200).extract().jsonPath();
    }

    private static Map<Integer, String> reasonsByIndex(JsonPath answer) {
        List<Map<String, Object>> items = answer.getList("items");
        return items.stream().collect(Collectors.toMap(i -> (Integer) i.get("index"), i -> (String) i.get("reason")));
    }

    @Test
    void thePerPersonMarketingRulesAreJudgedOverEveryAddressOfAContactAsTheGateThenDecides() throws Exception {
        String first = "180000000000001";
        String second = "180000000000002";
        String third = "180000000000003";
        List.of(first, second, third).forEach(MarketingHistoryComponentTest::registerSender);
        String phoneA = phone();
        String bsuidA = bsuid();
        linked(phoneA, bsuidA);
        GateFixtures.consent(dataSource, bsuidA, "school", "OPTED_IN");
        String phoneB = phone();
        GateFixtures.consent(dataSource, phoneB, "school", "OPTED_IN");
        String phoneC = phone();
        GateFixtures.consent(dataSource, phoneC, "school", "OPTED_IN");

        // what ingest would compute for a campaign message of spring_sale with these parameters
        String spring = ContentDigest.template("spring_sale", "en_US", List.of("Tariro", "A-1"), null);
        String fresh = ContentDigest.template("winter_sale", "en_US", List.of("Tariro"), null);
        OutboundMessage toPhoneA = marketing(first, phoneA, "spring_sale", List.of("Tariro", "A-1"));
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            sent(events, toPhoneA, MessageStatus.SUBMITTED);
            sent(events, marketing(second, bsuidA, "autumn_sale", List.of("Tariro")), MessageStatus.SUBMITTED);
            sent(events, marketing(first, phoneB, "spring_sale", List.of("Tariro", "A-1")), MessageStatus.SUBMITTED);
        }
        Instant capEnds = claimedAt(toPhoneA.getMessageId()).plus(Duration.ofDays(1));

        JsonPath now = ask("{\"items\":" + items(phoneA, spring, bsuidA, spring, bsuidA, fresh, phoneB, fresh, phoneB, spring,
                phoneC, spring) + "}");
        assertThat(now.getInt("evaluated")).isEqualTo(6);
        assertThat(reasonsByIndex(now)).isEqualTo(Map.of(
                0, MarketingHistoryRule.IDENTICAL_CONTENT,   // sent to the phone
                1, MarketingHistoryRule.IDENTICAL_CONTENT,   // sent to the phone, asked by the BSUID
                2, MarketingHistoryRule.FREQUENCY_CAP,       // one send by phone, one by BSUID: two today
                4, MarketingHistoryRule.IDENTICAL_CONTENT)); // one send today (3 passes), the same content again
        assertThat(now.getLong("suppressed." + MarketingHistoryRule.IDENTICAL_CONTENT)).isEqualTo(3);
        assertThat(now.getLong("deferred." + MarketingHistoryRule.FREQUENCY_CAP)).isEqualTo(1);
        assertThat(now.getString("items[2].outcome")).isEqualTo("DEFERRED");
        assertThat(now.getString("items[0].outcome")).isEqualTo("SUPPRESSED");
        assertThat(Instant.parse(now.getString("items[2].until"))).isEqualTo(capEnds);
        assertThat(Instant.parse(now.getString("latestDeferredUntil"))).isEqualTo(capEnds);

        // the gate, asked about the same contact by the other address, does what the endpoint answered
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            assertThat(sent(events, marketing(third, bsuidA, "spring_sale", List.of("Tariro", "A-1")), MessageStatus.SUPPRESSED)
                    .getReason()).isEqualTo(MarketingHistoryRule.IDENTICAL_CONTENT);
            MessageStatusChanged capped = sent(events, marketing(third, phoneA, "winter_sale", List.of("Tariro")), MessageStatus.DEFERRED);
            assertThat(capped.getReason()).isEqualTo(MarketingHistoryRule.FREQUENCY_CAP);
            assertThat(capped.getDeferredUntil()).isEqualTo(capEnds.truncatedTo(ChronoUnit.MILLIS));
        }

        // two days on, the cap is over and the content rule holds; 30 days after the sends, neither
        JsonPath later = ask("{\"at\":\"%s\",\"items\":%s}".formatted(Instant.now().plus(Duration.ofDays(2)),
                items(bsuidA, fresh, phoneA, spring)));
        assertThat(reasonsByIndex(later)).isEqualTo(Map.of(1, MarketingHistoryRule.IDENTICAL_CONTENT));
        assertThat(later.getMap("$")).containsEntry("latestDeferredUntil", null);
        JsonPath month = ask("{\"at\":\"%s\",\"items\":%s}".formatted(Instant.now().plus(Duration.ofDays(31)),
                items(bsuidA, fresh, phoneA, spring)));
        assertThat(month.getList("items")).isEmpty();
        assertThat(month.getLong("suppressed." + MarketingHistoryRule.IDENTICAL_CONTENT)).isZero();
    }

    @Test
    void anInstantBeforeNowIsJudgedAtNowAndSaysSo() {
        Instant before = Instant.now();
        JsonPath answer = ask("{\"at\":\"2020-01-01T00:00:00Z\",\"items\":" + items(phone(), ContentDigest.text("x")) + "}");
        assertThat(Instant.parse(answer.getString("at"))).isAfterOrEqualTo(before);
        assertThat(answer.getList("items")).isEmpty();
    }

    @Test
    void aPageBeyond5000ItemsOrAnUnusableItemIsAProblemNamingTheField() {
        String many = IntStream.range(0, 5_001).mapToObj(i -> "{\"recipient\":\"+26377100%04d\",\"contentHash\":\"%s\"}"
                .formatted(i % 10_000, ContentDigest.text("x"))).collect(Collectors.joining(",", "{\"items\":[", "]}"));
        problem(many, "items", "too_many_items");
        problem("{}", "items", "required");
        problem("{\"items\":[]}", "items", "items_empty");
        problem("{\"items\":" + items("+263771234567", "not-a-digest") + "}", "items[0].contentHash", "invalid_format");
        problem("{\"items\":" + items("0771234567", ContentDigest.text("x")) + "}", "items[0].recipient", "invalid_recipient");
        problem("{\"items\":[{\"contentHash\":\"" + ContentDigest.text("x") + "\"}]}", "items[0].recipient", "required");
        problem("{\"at\":\"tomorrow\",\"items\":" + items("+263771234567", ContentDigest.text("x")) + "}", "at", "invalid_format");
    }

    @Test
    void itIsAReadForViewersAndNeedsAToken() {
        String body = "{\"items\":" + items("+263771234567", ContentDigest.text("x")) + "}";
        given().contentType(ContentType.JSON).body(body).when().post(PATH).then().statusCode(401)
                .contentType("application/problem+json");
        for (String role : List.of("viewer", "operator", "admin")) {
            given().auth().oauth2(token(role)).contentType(ContentType.JSON).body(body).when().post(PATH).then().statusCode(200);
        }
        // RestAssured sends the colon percent-encoded (%3A); a client that sends it as is is answered too
        given().urlEncodingEnabled(false).auth().oauth2(token("viewer")).contentType(ContentType.JSON).body(body)
                .when().post(PATH).then().statusCode(200).body("evaluated", equalTo(1));
    }

    private static void problem(String body, String field, String code) {
        given().auth().oauth2(token("viewer")).contentType(ContentType.JSON).body(body).when().post(PATH).then()
                .log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)).body("errors[0].code", equalTo(code));
    }
}
