package dev.safesend.dispatch.messaging;

import dev.safesend.dispatch.GateFixtures;
import dev.safesend.dispatch.client.FakeCloudApiResource;
import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.common.TemplateContent;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.SafesendInfraResource;
import dev.safesend.testsupport.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The portfolio budget over a window shortened to {@link ShortWindow#WINDOW} (safesend.dispatch.budget.window, what
 * benchmarks use to see the budget roll in minutes): the gate counts only openings inside it, holds a new recipient
 * until the oldest counted one leaves it, and sends the held message once it has.
 */
@QuarkusTest
@TestProfile(ShortBudgetWindowComponentTest.ShortWindow.class)
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
@QuarkusTestResource(FakeCloudApiResource.class)
class ShortBudgetWindowComponentTest {

    public static class ShortWindow implements QuarkusTestProfile {
        static final Duration WINDOW = Duration.ofSeconds(20);

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("safesend.dispatch.budget.window", WINDOW.toString());
        }
    }

    private static final String SENDER = "180000000000001";
    private static final String PORTFOLIO = "portfolio-short-window";

    @Inject
    AgroalDataSource dataSource;

    private static String token(String role) {
        return SafesendInfraResource.testKeys().token(role);
    }

    private void opened(String recipient, Instant at) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO recipient_budget (portfolio_id, recipient, sender_id, opened_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, PORTFOLIO);
            s.setString(2, recipient);
            s.setString(3, SENDER);
            s.setTimestamp(4, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    @Test
    void aMessageHeldByTheBudgetGoesOutOnceTheOldestOpeningHasLeftTheShortWindow() throws Exception {
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body("""
                        {"senderId":"%s","wabaId":"100000000000001","displayNumber":"+15550000001","project":"school","pool":"main",
                         "messagesPerSecond":80,"portfolioId":"%s","portfolioDailyUniqueLimit":250,
                         "quietHoursStart":"00:00","quietHoursEnd":"00:00"}""".formatted(SENDER, PORTFOLIO))
                .when().post("/v1/senders").then().statusCode(201);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant oldest = now.minusSeconds(4);
        opened("+263771900001", oldest);
        for (int i = 2; i <= 250; i++) {
            opened("+26377190" + (1000 + i), now.minusSeconds(2));
        }
        opened("+263771900000", now.minus(ShortWindow.WINDOW).minusSeconds(30)); // left the short window long ago

        JsonPath quota = given().auth().oauth2(token("viewer")).when().get("/v1/senders/" + SENDER + "/quota")
                .then().statusCode(200).body("budget.window", equalTo("PT20S")).body("budget.usedLast24h", equalTo(250))
                .body("budget.limit", equalTo(250)).body("budget.left", equalTo(0)).extract().jsonPath();
        assertThat(Instant.parse(quota.getString("budget.freesAt"))).isEqualTo(oldest.plus(ShortWindow.WINDOW));

        String recipient = "+263771900009";
        GateFixtures.consent(dataSource, recipient, "school", "OPTED_IN");
        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OutboundMessage m = OutboundMessage.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(sentAt).setMessageId(UUID.randomUUID().toString())
                .setProject("school").setSenderId(SENDER).setRecipient(recipient).setCategory(Category.UTILITY)
                .setTemplate(TemplateContent.newBuilder().setName("order_update").setLanguage("en_US")
                        .setBodyParameters(List.of("Tariro", "42")).build())
                .setExpiresAt(sentAt.plusSeconds(600)).build();
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (TopicProbe events = TopicProbe.atEnd(bootstrap, Topics.MESSAGE_EVENTS.topicName());
             KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
                     Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new AvroSerializer()::serialize)) {
            producer.send(new ProducerRecord<>(Topics.OUTBOUND_URGENT.topicName(), SENDER, m)).get();

            MessageStatusChanged deferred = status(events, m.getMessageId(), MessageStatus.DEFERRED, Duration.ofSeconds(15));
            assertThat(deferred.getReason()).isEqualTo("PORTFOLIO_BUDGET");
            assertThat(deferred.getDeferredUntil()).as("the oldest opening plus the window, not plus 24 h")
                    .isEqualTo(oldest.plus(ShortWindow.WINDOW));

            MessageStatusChanged submitted = status(events, m.getMessageId(), MessageStatus.SUBMITTED, Duration.ofSeconds(40));
            assertThat(submitted.getStatusAt()).isAfterOrEqualTo(oldest.plus(ShortWindow.WINDOW));
        }
    }

    private static MessageStatusChanged status(TopicProbe events, String messageId, MessageStatus status, Duration within) {
        return (MessageStatusChanged) events.await(
                r -> messageId.equals(r.key()) && ((MessageStatusChanged) r.value()).getStatus() == status, 1, within).get(0).value();
    }
}
