package dev.safesend.ingest.component;

import dev.safesend.ingest.repository.CustomerWindowRepository;
import dev.safesend.schemas.account.AccountEventReceived;
import dev.safesend.schemas.account.AccountEventType;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.InboundType;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.safesend.ingest.component.Ingest.bootstrap;
import static dev.safesend.ingest.component.Ingest.fixture;
import static dev.safesend.ingest.component.Ingest.webhook;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Recorded Meta-shaped payloads for every field ingest normalises, and Meta's delivery habits. */
@QuarkusTest
class WebhookComponentTest {

    @Inject
    CustomerWindowRepository windows;

    @Inject
    MeterRegistry metrics;

    private static <T> T only(TopicProbe probe, String key, Class<T> type) {
        return type.cast(probe.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(10)).get(0).value());
    }

    @Test
    void aSentAndAFailedStatusBecomeMessageEventsWithMetasErrorOnTheFailure() {
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            webhook(fixture("status-sent.json")).statusCode(200);
            webhook(fixture("status-failed.json")).statusCode(200);
            MessageStatusChanged sent = only(events, "msg-sent-1", MessageStatusChanged.class);
            assertThat(sent.getStatus()).isEqualTo(MessageStatus.SENT);
            assertThat(sent.getPricingCategory()).isEqualTo("utility");
            MessageStatusChanged failed = only(events, "msg-failed-1", MessageStatusChanged.class);
            assertThat(failed.getStatus()).isEqualTo(MessageStatus.FAILED);
            assertThat(failed.getErrorCode()).isEqualTo(131049);
            assertThat(failed.getReason()).isEqualTo("META_131049");
            assertThat(failed.getErrorDetails()).startsWith("In order to maintain");
        }
    }

    @Test
    void inboundTextButtonAndInteractiveMessagesBecomeInboundEventsAndOpenTheCustomerWindow() {
        try (TopicProbe inbound = TopicProbe.atEnd(bootstrap(), Topics.INBOUND_MESSAGES.topicName())) {
            webhook(fixture("inbound-text.json")).statusCode(200);
            webhook(fixture("inbound-button.json")).statusCode(200);
            webhook(fixture("inbound-interactive.json")).statusCode(200);

            // keyed by the BSUID when Meta sent one, else by the wa_id digits
            InboundMessageReceived text = only(inbound, "US.13491208655302741918", InboundMessageReceived.class);
            assertThat(text.getPhone()).isEqualTo("+16505551234");
            assertThat(text.getUserId()).isEqualTo("US.13491208655302741918");
            assertThat(text.getType()).isEqualTo(InboundType.TEXT);
            assertThat(text.getProfileName()).isEqualTo("Sheena Nelson");
            assertThat(text.getSenderId()).isEqualTo("110000000000001");
            assertThat(text.getReceivedAt()).isEqualTo(Instant.ofEpochSecond(1749416383L));

            InboundMessageReceived button = only(inbound, "263771234567", InboundMessageReceived.class);
            assertThat(button.getType()).isEqualTo(InboundType.BUTTON);
            assertThat(button.getButtonPayload()).isEqualTo("STOP_PROMO");
            assertThat(button.getContextWamid()).isEqualTo("wamid.TEMPLATE0001");

            InboundMessageReceived interactive = only(inbound, "5511912345678", InboundMessageReceived.class);
            assertThat(interactive.getType()).isEqualTo(InboundType.INTERACTIVE);
            assertThat(interactive.getButtonPayload()).isEqualTo("reschedule");
            assertThat(interactive.getContextWamid()).isEqualTo("wamid.MENU0001");
        }
        assertThat(windows.find("110000000000001", "+263771234567")).hasValueSatisfying(w ->
                assertThat(w.lastInboundAt()).isEqualTo(Instant.ofEpochSecond(1749416400L)));
    }

    @Test
    void accountFieldsBecomeAccountEventsOfTheirType() {
        try (TopicProbe account = TopicProbe.atEnd(bootstrap(), Topics.ACCOUNT_EVENTS.topicName())) {
            for (String f : List.of("template-quality.json", "phone-quality.json", "account-update.json", "user-preferences.json")) {
                webhook(fixture(f)).statusCode(200);
            }
            List<ConsumerRecord<String, SpecificRecord>> records = account.await(r -> true, 4, Duration.ofSeconds(10));
            List<AccountEventReceived> events = records.stream().map(r -> (AccountEventReceived) r.value()).toList();
            assertThat(events).extracting(AccountEventReceived::getType).contains(AccountEventType.TEMPLATE_QUALITY,
                    AccountEventType.PHONE_QUALITY, AccountEventType.ACCOUNT_UPDATE, AccountEventType.USER_PREFERENCES);
            AccountEventReceived prefs = events.stream().filter(e -> e.getType() == AccountEventType.USER_PREFERENCES).findFirst().orElseThrow();
            assertThat(prefs.getWaId()).isEqualTo("16505551234");
            assertThat(prefs.getPreferenceValue()).isEqualTo("stop");
            AccountEventReceived update = events.stream().filter(e -> e.getType() == AccountEventType.ACCOUNT_UPDATE).findFirst().orElseThrow();
            assertThat(update.getEvent()).isEqualTo("ACCOUNT_RESTRICTION");
            assertThat(update.getAttributes()).containsEntry("restriction_info[0].restriction_type", "RESTRICTED_BIZ_INITIATED_MESSAGING")
                    .containsEntry("restriction_type", "RESTRICTED_BIZ_INITIATED_MESSAGING").containsEntry("expiration", "1750350000");
            assertThat(update.getSenderId()).as("its phone_number is the default sender's display number").isEqualTo("110000000000001");
        }
    }

    @Test
    void qualityAlertAndCapabilityChangesNameTheirSenderWhereMetaNamesANumberAndCarryTheirValues() {
        try (TopicProbe account = TopicProbe.atEnd(bootstrap(), Topics.ACCOUNT_EVENTS.topicName())) {
            for (String f : List.of("phone-quality-flagged.json", "account-alerts.json", "business-capability.json")) {
                webhook(fixture(f)).statusCode(200);
            }
            List<ConsumerRecord<String, SpecificRecord>> records = account.await(r -> true, 3, Duration.ofSeconds(10));
            ConsumerRecord<String, SpecificRecord> flagged = records.stream()
                    .filter(r -> "phone_number_quality_update".equals(((AccountEventReceived) r.value()).getField())).findFirst().orElseThrow();
            AccountEventReceived quality = (AccountEventReceived) flagged.value();
            assertThat(flagged.key()).as("keyed by the sender its display number names").isEqualTo("110000000000001");
            assertThat(quality.getSenderId()).isEqualTo("110000000000001");
            assertThat(quality.getType()).isEqualTo(AccountEventType.PHONE_QUALITY);
            assertThat(quality.getEvent()).isEqualTo("FLAGGED");
            assertThat(quality.getAttributes()).containsEntry("current_limit", "TIER_10K")
                    .containsEntry("display_phone_number", "15550000001");
            ConsumerRecord<String, SpecificRecord> alert = records.stream()
                    .filter(r -> "account_alerts".equals(((AccountEventReceived) r.value()).getField())).findFirst().orElseThrow();
            assertThat(alert.key()).as("a business alert is keyed by the WABA").isEqualTo("100000000000001");
            assertThat(((AccountEventReceived) alert.value()).getAttributes()).containsEntry("alert_severity", "WARNING")
                    .containsEntry("alert_type", "INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED");
            AccountEventReceived capability = records.stream().map(r -> (AccountEventReceived) r.value())
                    .filter(e -> "business_capability_update".equals(e.getField())).findFirst().orElseThrow();
            assertThat(capability.getNewQuality()).isEqualTo("TIER_2K");
            assertThat(capability.getAttributes()).containsEntry("max_daily_conversations_per_business", "TIER_2K");
        }
    }

    @Test
    void anUnknownChangeFieldIsRecordedAndCounted() {
        double before = counted();
        try (TopicProbe account = TopicProbe.atEnd(bootstrap(), Topics.ACCOUNT_EVENTS.topicName())) {
            webhook(fixture("unknown-field.json")).statusCode(200);
            AccountEventReceived other = (AccountEventReceived) account.await(r -> "security".equals(((AccountEventReceived) r.value()).getField()),
                    1, Duration.ofSeconds(10)).get(0).value();
            assertThat(other.getType()).isEqualTo(AccountEventType.OTHER);
            assertThat(other.getEvent()).isEqualTo("PIN_CHANGED");
        }
        assertThat(counted()).isEqualTo(before + 1);
    }

    @Test
    void aUsernameUsersStopWithThePhoneWithheldIsPublishedUnderItsBsuidAndOpensItsWindow() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"110000000000001"},
                 "contacts":[{"profile":{"name":"Ana","username":"ana.k"},"user_id":"BR.8812093371"}],
                 "messages":[{"from_user_id":"BR.8812093371","id":"wamid.BSUID0001","timestamp":"1780000000",
                   "type":"text","text":{"body":"STOP"}}]}}]}]}""";
        try (TopicProbe inbound = TopicProbe.atEnd(bootstrap(), Topics.INBOUND_MESSAGES.topicName())) {
            webhook(body.getBytes(StandardCharsets.UTF_8)).statusCode(200);
            InboundMessageReceived stop = only(inbound, "BR.8812093371", InboundMessageReceived.class);
            assertThat(stop.getPhone()).isEqualTo("BR.8812093371");
            assertThat(stop.getUserId()).isEqualTo("BR.8812093371");
            assertThat(stop.getUsername()).isEqualTo("ana.k");
            assertThat(stop.getText()).isEqualTo("STOP");
        }
        assertThat(windows.find("110000000000001", "BR.8812093371")).isPresent();
    }

    @Test
    void anUpdateNamingNeitherAValidPhoneNorABsuidIsStoredCountedAndListedButNotPublished() {
        double before = unidentified();
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"110000000000001"},
                 "messages":[{"from":"12","id":"wamid.NOBODY%s","timestamp":"1780000000","type":"text","text":{"body":"STOP"}}]}}]}]}"""
                .formatted(System.nanoTime());
        try (TopicProbe inbound = TopicProbe.atEnd(bootstrap(), Topics.INBOUND_MESSAGES.topicName())) {
            webhook(body.getBytes(StandardCharsets.UTF_8)).statusCode(200);
            webhook(body.getBytes(StandardCharsets.UTF_8)).statusCode(200); // Meta's retry: still one record
            assertThat(inbound.drain(Duration.ofSeconds(2))).noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains("wamid.NOBODY"));
        }
        assertThat(unidentified()).isEqualTo(before + 1);
        String listed = given().auth().oauth2(Ingest.token("operator")).when().get("/v1/webhooks/unidentified?limit=500")
                .then().statusCode(200).extract().asString();
        assertThat(listed).containsOnlyOnce(body.substring(body.indexOf("wamid.NOBODY"), body.indexOf("wamid.NOBODY") + 20));
        given().auth().oauth2(Ingest.token("sender")).when().get("/v1/webhooks/unidentified").then().statusCode(403);
        given().auth().oauth2(Ingest.token("operator")).when().get("/v1/webhooks/unidentified?limit=0").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private double unidentified() {
        var counter = metrics.find("ingest.webhook.updates.unidentified").tag("field", "messages").counter();
        return counter == null ? 0 : counter.count();
    }

    private double counted() {
        var counter = metrics.find("ingest.webhook.fields.unrecognized").tag("field", "security").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aDuplicateDeliveryIsAnsweredButPublishedOnce() {
        byte[] body = Ingest.statusWebhook("wamid.DUP0001", "delivered", "1750263900", "msg-dup-1").getBytes(StandardCharsets.UTF_8);
        byte[] account = new String(fixture("unknown-field.json"), StandardCharsets.UTF_8).replace("\"1234\"", "\"dup-4321\"")
                .getBytes(StandardCharsets.UTF_8);
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName());
             TopicProbe accountEvents = TopicProbe.atEnd(bootstrap(), Topics.ACCOUNT_EVENTS.topicName())) {
            webhook(body).statusCode(200);
            webhook(body).statusCode(200);
            webhook(body).statusCode(200);
            webhook(account).statusCode(200);
            webhook(account).statusCode(200);
            events.await(r -> "msg-dup-1".equals(r.key()), 1, Duration.ofSeconds(10));
            assertThat(events.drain(Duration.ofSeconds(1)).stream().filter(r -> "msg-dup-1".equals(r.key()))).hasSize(1);
            assertThat(accountEvents.await(r -> "dup-4321".equals(((AccountEventReceived) r.value()).getAttributes().get("requester")),
                    1, Duration.ofSeconds(10))).hasSize(1);
            assertThat(accountEvents.drain(Duration.ofMillis(500))).hasSize(1);
        }
    }

    @Test
    void anOutOfOrderReadThenDeliveredPairIsPublishedWithMetasTimesForConsumersToOrder() {
        byte[] read = Ingest.statusWebhook("wamid.ORDER0001", "read", "1750263990", "msg-order-1").getBytes(StandardCharsets.UTF_8);
        byte[] delivered = Ingest.statusWebhook("wamid.ORDER0001", "delivered", "1750263950", "msg-order-1").getBytes(StandardCharsets.UTF_8);
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            webhook(read).statusCode(200);
            webhook(delivered).statusCode(200);
            var records = events.await(r -> "msg-order-1".equals(r.key()), 2, Duration.ofSeconds(10));
            assertThat(records).extracting(r -> ((MessageStatusChanged) r.value()).getStatus())
                    .containsExactly(MessageStatus.READ, MessageStatus.DELIVERED);
            assertThat(records.stream().map(r -> r.partition()).distinct()).hasSize(1);
            MessageStatusChanged laterDelivered = (MessageStatusChanged) records.get(1).value();
            assertThat(laterDelivered.getStatusAt()).isBefore(((MessageStatusChanged) records.get(0).value()).getStatusAt());
        }
    }

    @Test
    void aThreeMegabyteBodyWithAThousandChangesIsAcceptedAndEveryStatusPublished() {
        StringBuilder changes = new StringBuilder();
        String padding = "p".repeat(2800);
        for (int i = 0; i < 1000; i++) {
            changes.append(i == 0 ? "" : ",").append("""
                    {"field":"messages","value":{"messaging_product":"whatsapp",
                     "metadata":{"display_phone_number":"15550000001","phone_number_id":"110000000000001"},
                     "statuses":[{"id":"wamid.BIG%04d","status":"delivered","timestamp":"1750264000","recipient_id":"16505551234",
                       "biz_opaque_callback_data":"msg-big-%04d","padding":"%s"}]}}""".formatted(i, i, padding));
        }
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"100000000000001\",\"changes\":[" + changes + "]}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isBetween(2_900_000, 3_145_728);
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            webhook(body).statusCode(200);
            events.await(r -> r.key() != null && r.key().startsWith("msg-big-"), 1000, Duration.ofSeconds(30));
        }
    }

    @Test
    void aForgedSignatureIs401AndMalformedJsonIs400AndNeitherPublishes() {
        byte[] body = Ingest.statusWebhook("wamid.FORGED2", "delivered", "1750263773", "msg-forged-2").getBytes(StandardCharsets.UTF_8);
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            given().header("X-Hub-Signature-256", "sha256=" + "0".repeat(64)).contentType("application/json").body(body)
                    .when().post("/webhooks/whatsapp").then().statusCode(401).contentType("application/problem+json");
            webhook("{\"entry\":[".getBytes(StandardCharsets.UTF_8)).statusCode(400).contentType("application/problem+json");
            assertThat(events.drain(Duration.ofSeconds(1))).isEmpty();
        }
    }
}
