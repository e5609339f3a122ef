package dev.safesend.ingest.component;

import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static dev.safesend.ingest.component.Ingest.bootstrap;
import static dev.safesend.ingest.component.Ingest.send;
import static dev.safesend.ingest.component.Ingest.sendBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Every validation rule and problem code through the REST API; the batch; nothing invalid is ever published. */
@QuarkusTest
class SendApiComponentTest {

    private static final String R = "\"recipient\":\"+263771234567\",\"project\":\"school\"";

    @BeforeEach
    void registrySynced() {
        Ingest.templatesSynced();
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of("{\"project\":\"p\",\"category\":\"SERVICE\",\"text\":{\"body\":\"hi\"}}", "recipient", "required"),
                Arguments.of("{\"recipient\":\"0771234567\",\"project\":\"p\",\"category\":\"SERVICE\",\"text\":{\"body\":\"hi\"}}", "recipient", "invalid_recipient"),
                Arguments.of("{\"recipient\":\"+263771234567\",\"category\":\"SERVICE\",\"text\":{\"body\":\"hi\"}}", "project", "required"),
                Arguments.of("{" + R + ",\"text\":{\"body\":\"hi\"}}", "category", "required"),
                Arguments.of("{" + R + ",\"category\":\"SPAM\",\"text\":{\"body\":\"hi\"}}", "category", "unknown_category"),
                Arguments.of("{" + R + ",\"category\":\"SERVICE\"}", "template", "content_exclusive"),
                Arguments.of("{" + R + ",\"category\":\"SERVICE\",\"text\":{\"body\":\"\"}}", "text.body", "required"),
                Arguments.of("{" + R + ",\"category\":\"SERVICE\",\"text\":{\"body\":\"" + "x".repeat(4097) + "\"}}", "text.body", "too_long"),
                Arguments.of("{" + R + ",\"category\":\"AUTHENTICATION\",\"text\":{\"body\":\"123456\"}}", "text", "authentication_template_required"),
                Arguments.of("{" + R + ",\"category\":\"UTILITY\",\"template\":{\"name\":\"no_such_template\",\"language\":\"en_US\"}}",
                        "template.name", "template_not_found"),
                Arguments.of("{" + R + ",\"category\":\"UTILITY\",\"template\":{\"name\":\"appointment_reminder\",\"language\":\"fr_FR\",\"bodyParameters\":[\"a\",\"b\"]}}",
                        "template.language", "template_language_not_found"),
                Arguments.of("{" + R + ",\"category\":\"MARKETING\",\"template\":{\"name\":\"old_promo\",\"language\":\"en_US\",\"bodyParameters\":[\"x\"]}}",
                        "template.name", "template_not_approved"),
                Arguments.of("{" + R + ",\"category\":\"MARKETING\",\"template\":{\"name\":\"new_launch\",\"language\":\"en_US\",\"bodyParameters\":[\"x\"]}}",
                        "template.name", "template_not_approved"),
                Arguments.of("{" + R + ",\"category\":\"AUTHENTICATION\",\"template\":{\"name\":\"order_update\",\"language\":\"en_US\",\"bodyParameters\":[\"a\",\"b\"]}}",
                        "template.name", "authentication_template_required"),
                Arguments.of("{" + R + ",\"category\":\"UTILITY\",\"template\":{\"name\":\"promo_offer\",\"language\":\"en_US\",\"bodyParameters\":[\"a\"]}}",
                        "category", "category_mismatch"),
                Arguments.of("{" + R + ",\"category\":\"UTILITY\",\"template\":{\"name\":\"order_update\",\"language\":\"en_US\",\"bodyParameters\":[\"a\"]}}",
                        "template.bodyParameters", "parameter_count_mismatch"),
                Arguments.of("{" + R + ",\"category\":\"UTILITY\",\"template\":{\"name\":\"order_update\",\"language\":\"en_US\",\"bodyParameters\":[\"a\\nb\",\"c\"]}}",
                        "template.bodyParameters[0]", "invalid_parameter_text"),
                Arguments.of("{" + R + ",\"category\":\"UTILITY\",\"template\":{\"name\":\"order_update\",\"language\":\"en_US\",\"bodyParameters\":[\"" + "y".repeat(1025) + "\",\"c\"]}}",
                        "template.bodyParameters[0]", "too_long"),
                Arguments.of("{" + R + ",\"category\":\"MARKETING\",\"template\":{\"name\":\"welcome_named\",\"language\":\"en_US\",\"namedParameters\":{\"first_name\":\"Jo\"}}}",
                        "template.namedParameters.member_id", "parameter_missing"),
                Arguments.of("{" + R + ",\"category\":\"UTILITY\",\"template\":{\"name\":\"shipping_receipt\",\"language\":\"en_US\",\"bodyParameters\":[\"A-1\"]}}",
                        "template.headerMedia", "header_media_required"),
                Arguments.of("{" + R + ",\"category\":\"UTILITY\",\"template\":{\"name\":\"shipping_receipt\",\"language\":\"en_US\",\"bodyParameters\":[\"A-1\"],"
                        + "\"headerMedia\":{\"type\":\"VIDEO\",\"link\":\"https://cdn.example.com/r.mp4\"}}}", "template.headerMedia.type", "header_media_type_mismatch"),
                Arguments.of("{" + R + ",\"category\":\"UTILITY\",\"template\":{\"name\":\"order_update\",\"language\":\"en_US\",\"bodyParameters\":[\"a\",\"b\"],"
                        + "\"headerMedia\":{\"type\":\"IMAGE\",\"id\":\"123\"}}}", "template.headerMedia", "header_media_unexpected"),
                Arguments.of("{" + R + ",\"category\":\"UTILITY\",\"template\":{\"name\":\"shipping_receipt\",\"language\":\"en_US\",\"bodyParameters\":[\"A-1\"],"
                        + "\"headerMedia\":{\"type\":\"IMAGE\",\"link\":\"https://cdn.example.com/r.jpg\",\"id\":\"123\"}}}", "template.headerMedia", "media_source_exclusive"),
                Arguments.of("{" + R + ",\"category\":\"UTILITY\",\"template\":{\"name\":\"tracking_link\",\"language\":\"en_US\",\"bodyParameters\":[\"A-1\"]}}",
                        "template.headerText", "header_parameter_required"),
                Arguments.of("{" + R + ",\"category\":\"UTILITY\",\"template\":{\"name\":\"tracking_link\",\"language\":\"en_US\",\"bodyParameters\":[\"A-1\"],\"headerText\":\"A-1\","
                        + "\"buttons\":[{\"index\":1,\"subType\":\"url\",\"value\":\"x\"}]}}", "template.buttons[0].subType", "button_type_mismatch"),
                Arguments.of("{" + R + ",\"category\":\"UTILITY\",\"template\":{\"name\":\"tracking_link\",\"language\":\"en_US\",\"bodyParameters\":[\"A-1\"],\"headerText\":\"A-1\","
                        + "\"buttons\":[{\"index\":4,\"subType\":\"quick_reply\",\"value\":\"x\"}]}}", "template.buttons[0].index", "button_not_found"),
                Arguments.of("{" + R + ",\"category\":\"MARKETING\",\"template\":{\"name\":\"promo_offer\",\"language\":\"en_US\",\"bodyParameters\":[\"" + "z".repeat(1000) + "\"]}}",
                        "template.bodyParameters", "body_too_long"),
                Arguments.of("{" + R + ",\"category\":\"MARKETING\",\"text\":{\"body\":\"Sale at http://shop.example.com\"}}", "text.body", "insecure_link"),
                Arguments.of("{" + R + ",\"category\":\"SERVICE\",\"text\":{\"body\":\"hi\"},\"expiresAt\":\"2020-01-01T00:00:00Z\"}", "expiresAt", "in_the_past"),
                Arguments.of("{" + R + ",\"category\":\"SERVICE\",\"text\":{\"body\":\"hi\"},\"sendAfter\":\"2099-01-02T00:00:00Z\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}",
                        "expiresAt", "before_send_after"),
                Arguments.of("{" + R + ",\"category\":\"SERVICE\",\"text\":{\"body\":\"hi\"},\"clientReference\":\"" + "r".repeat(257) + "\"}", "clientReference", "too_long"),
                Arguments.of("{" + R + ",\"category\":\"SERVICE\",\"text\":{\"body\":\"hi\"},\"sendAfter\":\"tomorrow\"}", "sendAfter", "invalid_format"),
                Arguments.of("{" + R + ",\"category\":\"UTILITY\",\"template\":{\"name\":\"tracking_link\",\"language\":\"en_US\",\"bodyParameters\":[\"A-1\"],"
                        + "\"headerText\":\"A-1\",\"buttons\":[{\"index\":\"first\",\"subType\":\"url\",\"value\":\"x\"}]}}", "template.buttons[0].index", "invalid_format"));
    }

    @ParameterizedTest(name = "{1}:{2}")
    @MethodSource("invalidRequests")
    void everyBrokenRuleIsAProblemJsonWithItsFieldAndCode(String body, String field, String code) {
        send(body).statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://safesend.dev/problems/validation"))
                .body("errors.find { it.field == '" + field + "' }.code", equalTo(code));
    }

    @Test
    void anInvalidIdempotencyKeyIsAProblem() {
        Ingest.send("key with spaces", "{" + R + ",\"category\":\"SERVICE\",\"text\":{\"body\":\"hi\"}}")
                .statusCode(400).body("errors[0].code", equalTo("invalid_idempotency_key"));
    }

    @Test
    void aTemplateWithNamedParametersHeaderMediaAndButtonsIsPublishedWithAllOfThem() {
        try (TopicProbe lane = TopicProbe.atEnd(bootstrap(), Topics.OUTBOUND_BULK.topicName());
             TopicProbe urgent = TopicProbe.atEnd(bootstrap(), Topics.OUTBOUND_URGENT.topicName())) {
            String named = send("{" + R + ",\"category\":\"MARKETING\",\"template\":{\"name\":\"welcome_named\",\"language\":\"en_US\","
                    + "\"namedParameters\":{\"member_id\":\"A-1024\",\"first_name\":\"Jessica\"}}}").statusCode(202).extract().path("messageId");
            OutboundMessage m = (OutboundMessage) lane.await(r -> ((OutboundMessage) r.value()).getMessageId().equals(named), 1,
                    Duration.ofSeconds(10)).get(0).value();
            assertThat(m.getTemplate().getBodyParameterNames()).containsExactlyInAnyOrder("first_name", "member_id");
            assertThat(m.getTemplate().getBodyParameters().get(m.getTemplate().getBodyParameterNames().indexOf("member_id"))).isEqualTo("A-1024");

            String media = send("{" + R + ",\"category\":\"UTILITY\",\"template\":{\"name\":\"shipping_receipt\",\"language\":\"en_US\","
                    + "\"bodyParameters\":[\"A-1\"],\"headerMedia\":{\"type\":\"IMAGE\",\"link\":\"https://cdn.example.com/r.jpg\"}}}")
                    .statusCode(202).extract().path("messageId");
            String buttons = send("{" + R + ",\"category\":\"UTILITY\",\"template\":{\"name\":\"tracking_link\",\"language\":\"en_US\","
                    + "\"bodyParameters\":[\"A-1\"],\"headerText\":\"A-1\",\"buttons\":[{\"index\":0,\"subType\":\"url\",\"value\":\"A-1\"},"
                    + "{\"index\":1,\"subType\":\"quick_reply\",\"value\":\"TALK\"}]}}").statusCode(202).extract().path("messageId");
            var records = urgent.await(r -> {
                String id = ((OutboundMessage) r.value()).getMessageId();
                return id.equals(media) || id.equals(buttons);
            }, 2, Duration.ofSeconds(10));
            for (var r : records) {
                OutboundMessage o = (OutboundMessage) r.value();
                if (o.getMessageId().equals(media)) {
                    assertThat(o.getTemplate().getHeaderMedia().getLink()).isEqualTo("https://cdn.example.com/r.jpg");
                } else {
                    assertThat(o.getTemplate().getButtons()).hasSize(2);
                    assertThat(o.getTemplate().getHeaderText()).isEqualTo("A-1");
                }
            }
        }
    }

    @Test
    void anOtpIsUrgentAndExpiresTenMinutesAfterAcceptanceByDefault() {
        send("{" + R + ",\"category\":\"AUTHENTICATION\",\"template\":{\"name\":\"otp_code\",\"language\":\"en_US\",\"bodyParameters\":[\"123456\"]}}")
                .statusCode(202).body("lane", equalTo("urgent"));
        var body = send("{" + R + ",\"category\":\"AUTHENTICATION\",\"template\":{\"name\":\"otp_code\",\"language\":\"en_US\",\"bodyParameters\":[\"654321\"]}}")
                .statusCode(202).extract().jsonPath();
        assertThat(Duration.between(Instant.parse(body.getString("acceptedAt")), Instant.parse(body.getString("expiresAt"))))
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theOptOutHintIsAppendedForProjectsThatAskForItAndOnlyThem() {
        try (TopicProbe bulk = TopicProbe.atEnd(bootstrap(), Topics.OUTBOUND_BULK.topicName())) {
            String hinted = send("{\"recipient\":\"+263771234567\",\"project\":\"shop-hint\",\"category\":\"MARKETING\","
                    + "\"text\":{\"body\":\"Our sale starts today at https://shop.example.com\"}}")
                    .statusCode(202).body("optOutHintAppended", equalTo(true)).extract().path("messageId");
            String templated = send("{\"recipient\":\"+263771234567\",\"project\":\"shop-hint\",\"category\":\"MARKETING\","
                    + "\"template\":{\"name\":\"flash_sale\",\"language\":\"en_US\",\"bodyParameters\":[\"shoes -50%\"]}}")
                    .statusCode(202).body("optOutHintAppended", equalTo(true)).extract().path("messageId");
            send("{\"recipient\":\"+263771234567\",\"project\":\"shop\",\"category\":\"MARKETING\","
                    + "\"text\":{\"body\":\"Our sale starts today\"}}").statusCode(202).body("optOutHintAppended", nullValue());
            var records = bulk.await(r -> {
                String id = ((OutboundMessage) r.value()).getMessageId();
                return id.equals(hinted) || id.equals(templated);
            }, 2, Duration.ofSeconds(10));
            for (var r : records) {
                OutboundMessage o = (OutboundMessage) r.value();
                if (o.getMessageId().equals(hinted)) {
                    assertThat(o.getText().getBody()).endsWith("\n\nReply STOP to unsubscribe");
                } else {
                    assertThat(o.getTemplate().getBodyParameters()).containsExactly("shoes -50%. Reply STOP to unsubscribe");
                }
            }
        }
    }

    @Test
    void aBatchAcceptsTheValidItemsAndReportsTheRestByIndex() {
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            var body = sendBatch("""
                    {"messages":[
                     {"recipient":"+263771234501","project":"school","category":"UTILITY","template":{"name":"order_update","language":"en_US","bodyParameters":["A","B"]}},
                     {"recipient":"12","project":"school","category":"UTILITY","template":{"name":"order_update","language":"en_US","bodyParameters":["A","B"]}},
                     {"recipient":"+263771234503","project":"school","category":"NOPE","text":{"body":"x"}},
                     null,
                     {"recipient":"+263771234505","project":"school","category":"SERVICE","text":{"body":"Thanks for your message"}}
                    ]}""").statusCode(202)
                    .body("accepted", equalTo(2)).body("rejected", equalTo(3))
                    .body("items[0].status", equalTo("ACCEPTED"))
                    .body("items[1].status", equalTo("REJECTED"))
                    .body("items[1].errors[0].code", equalTo("invalid_recipient"))
                    .body("items[2].errors[0].code", equalTo("unknown_category"))
                    .body("items[3].errors[0].code", equalTo("required"))
                    .body("items[4].message.lane", equalTo("urgent"))
                    .extract().jsonPath();
            String first = body.getString("items[0].message.messageId");
            String last = body.getString("items[4].message.messageId");
            var accepted = events.await(r -> {
                String id = ((MessageStatusChanged) r.value()).getMessageId();
                return first.equals(id) || last.equals(id);
            }, 2, Duration.ofSeconds(10));
            assertThat(accepted).hasSize(2);
            assertThat(events.drain(Duration.ofMillis(500))).hasSize(2);
        }
    }

    @Test
    void aBatchWithNoValidItemIsA400WithEveryItemsProblemsAndPublishesNothing() {
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            sendBatch("""
                    {"messages":[{"recipient":"12","project":"p","category":"SERVICE","text":{"body":"x"}},
                                 {"recipient":"+263771234567","project":"p","category":"SERVICE","text":{"body":""}}]}""")
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("messages[0].recipient"))
                    .body("errors.field", hasItem("messages[1].text.body"));
            assertThat(events.drain(Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void aBatchMustCarryOneToAThousandMessages() {
        sendBatch("{\"messages\":[]}").statusCode(400).body("errors[0].code", equalTo("batch_empty"));
        sendBatch("{}").statusCode(400).body("errors[0].code", equalTo("required"));
        String item = "{\"recipient\":\"+263771234567\",\"project\":\"p\",\"category\":\"SERVICE\",\"text\":{\"body\":\"x\"}}";
        String tooMany = "{\"messages\":[" + String.join(",", java.util.Collections.nCopies(1001, item)) + "]}";
        sendBatch(tooMany).statusCode(400).body("errors[0].code", equalTo("batch_too_large"));
    }

    @Test
    void aFullBatchOfAThousandIsAcceptedInOneRequest() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            items.append(i == 0 ? "" : ",").append("{\"recipient\":\"+2637712").append(String.format("%05d", i))
                    .append("\",\"project\":\"pooled\",\"category\":\"UTILITY\",\"template\":{\"name\":\"order_update\",\"language\":\"en_US\",")
                    .append("\"bodyParameters\":[\"P").append(i).append("\",\"B-").append(i).append("\"]}}");
        }
        sendBatch("{\"messages\":[" + items + "]}").statusCode(202).body("accepted", equalTo(1000)).body("rejected", equalTo(0));
    }
}
