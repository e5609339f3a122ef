package dev.safesend.ingest.component;

import dev.safesend.ingest.domain.WebhookSignature;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.SafesendInfraResource;
import dev.safesend.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The front door end to end. This class declares the module's test resources (real Kafka, PostgreSQL and Redis, and a
 * recorded Cloud API template listing); they serve every component test of the module, with one Quarkus start.
 */
@QuarkusTest
@QuarkusTestResource(SafesendInfraResource.class)
@QuarkusTestResource(FakeCloudApiResource.class)
class IngestComponentTest {

    @BeforeEach
    void registrySynced() {
        Ingest.templatesSynced();
    }

    private static final String TEMPLATE_BODY = """
            {"recipient":"+263 77 123 4567","project":"school","category":"UTILITY",
             "template":{"name":"order_update","language":"en_US","bodyParameters":["Tariro","A-1001"]}}""";

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static String token(String role) {
        return SafesendInfraResource.testKeys().token(role);
    }

    @Test
    void anAcceptedTemplateMessageIsPublishedToItsSendersUrgentLaneWithAnAcceptedEvent() {
        try (TopicProbe lane = TopicProbe.atEnd(bootstrap(), Topics.OUTBOUND_URGENT.topicName());
             TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            String messageId = given().auth().oauth2(token("sender")).contentType(ContentType.JSON).body(TEMPLATE_BODY)
                    .when().post("/v1/messages")
                    .then().statusCode(202)
                    .body("status", equalTo("ACCEPTED"))
                    .body("recipient", equalTo("+263771234567"))
                    .body("lane", equalTo("urgent"))
                    .body("senderId", equalTo("110000000000001"))
                    .extract().path("messageId");

            var outbound = lane.await(r -> ((OutboundMessage) r.value()).getMessageId().equals(messageId), 1, Duration.ofSeconds(10)).get(0);
            assertThat(outbound.key()).isEqualTo("110000000000001");
            OutboundMessage m = (OutboundMessage) outbound.value();
            assertThat(m.getTemplate().getBodyParameters()).containsExactly("Tariro", "A-1001");
            assertThat(m.getExpiresAt()).isAfter(m.getOccurredAt());

            var accepted = events.await(r -> messageId.equals(((MessageStatusChanged) r.value()).getMessageId()), 1, Duration.ofSeconds(10)).get(0);
            assertThat(((MessageStatusChanged) accepted.value()).getStatus()).isEqualTo(MessageStatus.ACCEPTED);
        }
    }

    @Test
    void aMarketingMessageGoesToTheBulkLane() {
        try (TopicProbe bulk = TopicProbe.atEnd(bootstrap(), Topics.OUTBOUND_BULK.topicName())) {
            String messageId = given().auth().oauth2(token("sender")).contentType(ContentType.JSON)
                    .body("""
                            {"recipient":"+14155550123","project":"shop","category":"MARKETING",
                             "template":{"name":"promo_offer","language":"en_US","bodyParameters":["SPRING20"]}}""")
                    .when().post("/v1/messages").then().statusCode(202).body("lane", equalTo("bulk"))
                    .extract().path("messageId");
            bulk.await(r -> ((OutboundMessage) r.value()).getMessageId().equals(messageId), 1, Duration.ofSeconds(10));
        }
    }

    @Test
    void anInvalidRequestIsRefusedWithProblemJsonPerFieldAndNothingIsPublished() {
        try (TopicProbe lane = TopicProbe.atEnd(bootstrap(), Topics.OUTBOUND_URGENT.topicName())) {
            given().auth().oauth2(token("sender")).contentType(ContentType.JSON)
                    .body("""
                            {"recipient":"0771234567","project":"school","category":"UTILITY","text":{"body":""}}""")
                    .when().post("/v1/messages")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("type", equalTo("https://safesend.dev/problems/validation"))
                    .body("errors.code", hasItem("invalid_recipient"))
                    .body("errors.field", hasItem("text.body"));
            assertThat(lane.drain(Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void anUnknownCategoryAndMalformedJsonAreProblems() {
        given().auth().oauth2(token("sender")).contentType(ContentType.JSON)
                .body("{\"recipient\":\"+263771234567\",\"project\":\"p\",\"category\":\"SPAM\",\"text\":{\"body\":\"x\"}}")
                .when().post("/v1/messages").then().statusCode(400).body("errors[0].code", equalTo("unknown_category"));
        given().auth().oauth2(token("sender")).contentType(ContentType.JSON).body("{\"recipient\":")
                .when().post("/v1/messages").then().statusCode(400).contentType("application/problem+json")
                .body("title", notNullValue());
    }

    @Test
    void sendingNeedsABearerTokenWithTheSenderRole() {
        given().contentType(ContentType.JSON).body(TEMPLATE_BODY).when().post("/v1/messages")
                .then().statusCode(401);
        given().auth().oauth2(token("viewer")).contentType(ContentType.JSON).body(TEMPLATE_BODY).when().post("/v1/messages")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2("not-a-jwt").contentType(ContentType.JSON).body(TEMPLATE_BODY).when().post("/v1/messages")
                .then().statusCode(401);
    }

    @Test
    void theVerifyHandshakeEchoesTheChallengeOnlyForTheRightToken() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "dev-verify-token")
                .queryParam("hub.challenge", "1158201444")
                .when().get("/webhooks/whatsapp").then().statusCode(200).body(equalTo("1158201444"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "wrong")
                .queryParam("hub.challenge", "1158201444")
                .when().get("/webhooks/whatsapp").then().statusCode(403);
    }

    @Test
    void aForgedOrMissingWebhookSignatureIsRefusedWith401AndNothingIsPublished() {
        byte[] body = statusWebhook("wamid.forged", "delivered", "msg-forged").getBytes(StandardCharsets.UTF_8);
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            given().header("X-Hub-Signature-256", WebhookSignature.sign(body, "not-the-app-secret"))
                    .contentType(ContentType.JSON).body(body)
                    .when().post("/webhooks/whatsapp").then().statusCode(401).contentType("application/problem+json");
            given().contentType(ContentType.JSON).body(body)
                    .when().post("/webhooks/whatsapp").then().statusCode(401);
            assertThat(events.drain(Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void aSignedStatusWebhookBecomesAMessageEventKeyedByOurMessageId() {
        byte[] body = statusWebhook("wamid.HBgLMTY0", "delivered", "msg-42").getBytes(StandardCharsets.UTF_8);
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            given().header("X-Hub-Signature-256", WebhookSignature.sign(body, "dev-app-secret"))
                    .contentType(ContentType.JSON).body(body)
                    .when().post("/webhooks/whatsapp").then().statusCode(200);
            var record = events.await(r -> "msg-42".equals(r.key()), 1, Duration.ofSeconds(10)).get(0);
            MessageStatusChanged event = (MessageStatusChanged) record.value();
            assertThat(event.getStatus()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(event.getWamid()).isEqualTo("wamid.HBgLMTY0");
            assertThat(event.getRecipient()).isEqualTo("+16505551234");
            assertThat(event.getStatusAt().getEpochSecond()).isEqualTo(1750263773L);
        }
    }

    @Test
    void aSignedInboundTextBecomesAnInboundMessageKeyedByTheUser() {
        String json = """
                {"object":"whatsapp_business_account","entry":[{"id":"100000000000001","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000001","phone_number_id":"110000000000001"},
                 "contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],
                 "messages":[{"from":"16505551234","id":"wamid.in1","timestamp":"1749416383","type":"text","text":{"body":"STOP"}}]}}]}]}""";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (TopicProbe inbound = TopicProbe.atEnd(bootstrap(), Topics.INBOUND_MESSAGES.topicName())) {
            given().header("X-Hub-Signature-256", WebhookSignature.sign(body, "dev-app-secret"))
                    .contentType(ContentType.JSON).body(body)
                    .when().post("/webhooks/whatsapp").then().statusCode(200);
            InboundMessageReceived m = (InboundMessageReceived) inbound.await(r -> "16505551234".equals(r.key()), 1, Duration.ofSeconds(10)).get(0).value();
            assertThat(m.getText()).isEqualTo("STOP");
            assertThat(m.getPhone()).isEqualTo("+16505551234");
            assertThat(m.getProfileName()).isEqualTo("Sheena Nelson");
        }
    }

    @Test
    void aSignedButMalformedWebhookIsA400() {
        byte[] body = "{not json".getBytes(StandardCharsets.UTF_8);
        given().header("X-Hub-Signature-256", WebhookSignature.sign(body, "dev-app-secret"))
                .contentType(ContentType.JSON).body(body)
                .when().post("/webhooks/whatsapp").then().statusCode(400).contentType("application/problem+json");
    }

    static String statusWebhook(String wamid, String status, String callbackData) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"100000000000001","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000001","phone_number_id":"110000000000001"},
                 "statuses":[{"id":"%s","status":"%s","timestamp":"1750263773","recipient_id":"16505551234",
                   "biz_opaque_callback_data":"%s",
                   "pricing":{"billable":true,"pricing_model":"PMP","type":"regular","category":"utility"}}]}}]}]}"""
                .formatted(wamid, status, callbackData);
    }
}
