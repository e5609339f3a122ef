package dev.safesend.dispatch.messaging;

import dev.safesend.dispatch.GateFixtures;
import dev.safesend.dispatch.client.FakeCloudApiResource;
import dev.safesend.dispatch.repository.ProjectionRepository;
import dev.safesend.dispatch.service.DispatchMetrics;
import dev.safesend.schemas.campaign.CampaignState;
import dev.safesend.schemas.campaign.CampaignStateChanged;
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
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
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

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Campaign messages on a sender's bulk lane: taken by priority, and held while their campaign is paused only until it
 * is resumed or cancelled (not until the hold's next re-check, a minute later). Each test has its own sender number,
 * recipients and campaign.
 */
@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
@QuarkusTestResource(FakeCloudApiResource.class)
class CampaignDispatchComponentTest {

    /** Far less than the hold's own re-check (a minute): a resume or cancel must take effect within this. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    private static KafkaProducer<String, SpecificRecord> producer;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ProjectionRepository projections;

    @Inject
    MeterRegistry metrics;

    @BeforeAll
    static void connect() {
        AvroSerializer avro = new AvroSerializer();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(), avro::serialize);
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static OutboundMessage campaignMessage(String senderId, String recipient, String campaignId, Integer priority) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return OutboundMessage.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setMessageId(UUID.randomUUID().toString())
                .setProject("school").setSenderId(senderId).setRecipient(recipient).setCategory(Category.UTILITY)
                .setTemplate(TemplateContent.newBuilder().setName("term_reminder").setLanguage("en_US")
                        .setBodyParameters(List.of("Tariro")).build())
                .setCampaignId(campaignId).setPriority(priority)
                .setExpiresAt(now.plusSeconds(600)).build();
    }

    private List<String> optedInRecipients(String prefix, int n) {
        List<String> phones = IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
        phones.forEach(phone -> GateFixtures.consent(dataSource, phone, "school", "OPTED_IN"));
        return phones;
    }

    private static void sendBulk(OutboundMessage m) throws Exception {
        producer.send(new ProducerRecord<>(Topics.OUTBOUND_BULK.topicName(), m.getSenderId(), m)).get();
    }

    private double campaignEventsProjected() {
        return metrics.counter(DispatchMetrics.MESSAGES_PROCESSED, "event.type", "CampaignStateChanged", "lane", "none",
                "outcome", "success").count();
    }

    /** Publishes the campaign's lifecycle event and waits until dispatch has projected it. */
    private void campaignEvent(String campaignId, CampaignState state) throws Exception {
        double before = campaignEventsProjected();
        producer.send(new ProducerRecord<>(Topics.CAMPAIGN_EVENTS.topicName(), campaignId, CampaignStateChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setCampaignId(campaignId).setProject("school").setState(state).build())).get();
        await().atMost(Duration.ofSeconds(20)).until(() -> campaignEventsProjected() > before);
    }

    /** The message ids the Cloud API received, in the order the calls arrived. */
    private static List<String> callOrder(List<String> messageIds) {
        String fake = ConfigProvider.getConfig().getValue("safesend.dispatch.cloud-api.base-url", String.class);
        String all = RestAssured.get(fake + "/_received")
                .then().statusCode(200).extract().asString();
        List<String> order = new ArrayList<>();
        for (String line : all.split("\n")) {
            messageIds.stream().filter(line::contains).findFirst().ifPresent(order::add);
        }
        return order;
    }

    private static List<String> ids(List<OutboundMessage> messages) {
        return messages.stream().map(OutboundMessage::getMessageId).toList();
    }

    private static MessageStatusChanged awaitStatus(TopicProbe events, String messageId, MessageStatus status, Duration within) {
        return (MessageStatusChanged) events.await(
                r -> messageId.equals(r.key()) && ((MessageStatusChanged) r.value()).getStatus() == status, 1, within).get(0).value();
    }

    @Test
    void aSlowSenderSendsP2MessagesQueuedAfterP3OnesBeforeThem() throws Exception {
        String sender = "160000000000001";
        GateFixtures.registerSender(sender, 1, null);
        List<String> phones = optedInRecipients("+26377150000", 8);
        String campaign = "camp-priority-" + UUID.randomUUID();
        List<OutboundMessage> p3 = new ArrayList<>();
        List<OutboundMessage> p2 = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            p3.add(campaignMessage(sender, phones.get(i), campaign, 3));
        }
        for (int i = 4; i < 8; i++) {
            p2.add(campaignMessage(sender, phones.get(i), campaign, 2));
        }
        List<String> all = new ArrayList<>(ids(p3));
        all.addAll(ids(p2));

        for (OutboundMessage m : p3) {
            sendBulk(m);
        }
        for (OutboundMessage m : p2) {
            sendBulk(m);
        }

        // one message a second: the first P3 may be on its way before the P2 messages have arrived, none after that
        await().atMost(Duration.ofSeconds(30)).until(() -> callOrder(all).size() == all.size());
        List<String> order = callOrder(all);
        assertThat(order).as("one call each").doesNotHaveDuplicates();
        assertThat(order.get(0)).as("the first P3 may go before the P2 messages have arrived").isEqualTo(p3.get(0).getMessageId());
        assertThat(order.subList(1, 5)).as("then every P2 message, in arrival order").containsExactlyElementsOf(ids(p2));
        assertThat(order.subList(5, 8)).as("then the P3 messages still waiting, in arrival order")
                .containsExactlyElementsOf(ids(p3).subList(1, 4));
    }

    @Test
    void thePausedCampaignsHeldMessagesAreSentWithinSecondsOfItsResume() throws Exception {
        String sender = "160000000000002";
        GateFixtures.registerSender(sender, 80, null);
        List<String> phones = optedInRecipients("+26377150001", 3);
        String campaign = "camp-resume-" + UUID.randomUUID();
        campaignEvent(campaign, CampaignState.STARTED);
        campaignEvent(campaign, CampaignState.PAUSED);
        List<OutboundMessage> held = phones.stream().map(p -> campaignMessage(sender, p, campaign, 3)).toList();

        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            for (OutboundMessage m : held) {
                sendBulk(m);
            }
            for (OutboundMessage m : held) {
                MessageStatusChanged deferred = awaitStatus(events, m.getMessageId(), MessageStatus.DEFERRED, Duration.ofSeconds(20));
                assertThat(deferred.getReason()).isEqualTo("CAMPAIGN_PAUSED");
            }
            assertThat(callOrder(ids(held))).isEmpty();

            campaignEvent(campaign, CampaignState.UPDATED);
            assertThat(projections.campaignState(campaign)).as("an edit does not resume a paused campaign").contains("PAUSED");

            campaignEvent(campaign, CampaignState.RESUMED);
            for (OutboundMessage m : held) {
                awaitStatus(events, m.getMessageId(), MessageStatus.SUBMITTED, PROMPTLY);
            }
        }
        assertThat(callOrder(ids(held))).containsExactlyInAnyOrderElementsOf(ids(held));
    }

    @Test
    void theCancelledCampaignsHeldMessagesAreSuppressedWithinSecondsOfItsCancel() throws Exception {
        String sender = "160000000000003";
        GateFixtures.registerSender(sender, 80, null);
        List<String> phones = optedInRecipients("+26377150002", 3);
        String campaign = "camp-cancel-" + UUID.randomUUID();
        campaignEvent(campaign, CampaignState.PAUSED);
        List<OutboundMessage> held = phones.stream().map(p -> campaignMessage(sender, p, campaign, 2)).toList();

        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            for (OutboundMessage m : held) {
                sendBulk(m);
            }
            for (OutboundMessage m : held) {
                awaitStatus(events, m.getMessageId(), MessageStatus.DEFERRED, Duration.ofSeconds(20));
            }

            campaignEvent(campaign, CampaignState.CANCELLED);
            for (OutboundMessage m : held) {
                MessageStatusChanged suppressed = awaitStatus(events, m.getMessageId(), MessageStatus.SUPPRESSED, PROMPTLY);
                assertThat(suppressed.getReason()).isEqualTo("CAMPAIGN_CANCELLED");
            }
        }
        assertThat(callOrder(ids(held))).isEmpty();
        assertThat(heldRows(campaign)).as("nothing of the campaign is left in the deferral store").isZero();
    }

    private long heldRows(String campaignId) throws Exception {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("SELECT count(*) FROM deferred_message WHERE campaign_id = ?")) {
            s.setString(1, campaignId);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
