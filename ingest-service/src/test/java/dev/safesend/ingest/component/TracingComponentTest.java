package dev.safesend.ingest.component;

import dev.safesend.schemas.topic.Topics;
import dev.safesend.servicekit.tracing.MessageTraces;
import dev.safesend.testsupport.TopicProbe;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.safesend.ingest.component.Ingest.bootstrap;
import static dev.safesend.ingest.component.Ingest.statusWebhook;
import static dev.safesend.ingest.component.Ingest.token;
import static dev.safesend.ingest.component.Ingest.webhook;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace per message (docs/operations.md, "Tracing"): the send API's message span and the status webhook's spans
 * share the trace id the messageId gives, and the records ingest publishes carry it as {@code traceparent}.
 */
@QuarkusTest
@TestProfile(TracingComponentTest.Profile.class)
class TracingComponentTest {

    /** The SDK on (it is off in every other profile but prod), spans exported at once to {@link InMemorySpans}. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "20ms");
        }
    }

    private static final String BODY = """
            {"recipient":"+263 77 123 4567","project":"school","category":"UTILITY",
             "template":{"name":"order_update","language":"en_US","bodyParameters":["Tariro","A-1001"]}}""";

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void registrySynced() {
        Ingest.templatesSynced();
    }

    @Test
    void theSendApiTheLaneRecordAndTheStatusWebhooksOfAMessageShareOneTraceWhoseIdIsTheMessageId() {
        try (TopicProbe lane = TopicProbe.atEnd(bootstrap(), Topics.OUTBOUND_URGENT.topicName());
             TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            String messageId = given().auth().oauth2(token("sender")).contentType(ContentType.JSON).body(BODY)
                    .when().post("/v1/messages").then().statusCode(202).extract().path("messageId");
            String traceId = messageId.replace("-", "");
            String senderId = "110000000000001";
            long at = Instant.now().getEpochSecond();
            webhook(statusWebhook("wamid.trace-" + traceId, "sent", String.valueOf(at), messageId).getBytes(StandardCharsets.UTF_8)).statusCode(200);
            webhook(statusWebhook("wamid.trace-" + traceId, "delivered", String.valueOf(at + 1), messageId).getBytes(StandardCharsets.UTF_8)).statusCode(200);

            List<SpanData> trace = await().atMost(Duration.ofSeconds(10)).until(() -> inTrace(traceId), s -> s.size() == 3);
            SpanData root = named(trace, "accept message");
            assertThat(root.getParentSpanContext().isValid()).as("the message's root has no parent").isFalse();
            assertThat(root.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(root.getAttributes().get(MessageTraces.MESSAGE_ID)).isEqualTo(messageId);
            assertThat(root.getAttributes().get(MessageTraces.SENDER_ID)).isEqualTo(senderId);
            assertThat(root.getAttributes().get(AttributeKey.stringKey("messaging.destination.name"))).isEqualTo(Topics.OUTBOUND_URGENT.topicName());
            SpanData request = await().atMost(Duration.ofSeconds(10)).until(
                    () -> spans.getFinishedSpanItems().stream().filter(s -> s.getSpanContext().equals(root.getLinks().get(0).getSpanContext())).findFirst(),
                    java.util.Optional::isPresent).orElseThrow();
            assertThat(request.getKind()).as("the send API's request span, linked from the message's root").isEqualTo(SpanKind.SERVER);
            assertThat(request.getName()).contains("/v1/messages");
            for (String status : List.of("SENT", "DELIVERED")) {
                SpanData webhookSpan = named(trace, "webhook status " + status);
                assertThat(webhookSpan.getParentSpanId()).as("a status is a child of the message's root").isEqualTo(root.getSpanId());
                assertThat(webhookSpan.getAttributes().get(MessageTraces.MESSAGE_ID)).isEqualTo(messageId);
                assertThat(webhookSpan.getAttributes().get(MessageTraces.SENDER_ID)).isEqualTo(senderId);
                assertThat(webhookSpan.getLinks()).as("linked to the webhook request").hasSize(1);
            }
            assertThat(trace).allSatisfy(s -> assertThat(s.getAttributes().asMap().values().toString())
                    .as("no phone number in a span").doesNotContain("263771234567").doesNotContain("16505551234"));

            String traceparent = "00-" + traceId + "-" + root.getSpanId() + "-01";
            assertThat(header(lane.awaitRaw(r -> senderId.equals(r.key()) && traceparent.equals(header(r)), 1, Duration.ofSeconds(10)).get(0)))
                    .isEqualTo(traceparent);
            assertThat(events.awaitRaw(r -> messageId.equals(r.key()) && traceparent.equals(header(r)), 3, Duration.ofSeconds(10)))
                    .as("ACCEPTED, SENT and DELIVERED carry the message's root as traceparent").hasSize(3);

            System.out.println("Trace " + traceId + " (ingest-service; the send API request span is linked):\n"
                    + print(trace, request));
        }
    }

    private List<SpanData> inTrace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    private static SpanData named(List<SpanData> trace, String name) {
        return trace.stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + trace.stream().map(SpanData::getName).toList()));
    }

    private static String header(ConsumerRecord<String, byte[]> r) {
        Header h = r.headers().lastHeader(MessageTraces.TRACEPARENT);
        return h == null ? null : new String(h.value(), StandardCharsets.US_ASCII);
    }

    /** The trace as text: service, span, parent, duration, in start order; the linked request span first. */
    static String print(List<SpanData> trace, SpanData request) {
        Map<String, String> names = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, SpanData::getName, (a, b) -> a));
        StringBuilder out = new StringBuilder(String.format("%-16s %-30s %-22s %10s%n", "service", "span", "parent", "duration"));
        out.append(line(request, "(its own trace)"));
        trace.stream().sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .forEach(s -> out.append(line(s, s.getParentSpanContext().isValid() ? names.getOrDefault(s.getParentSpanId(), s.getParentSpanId()) : "-")));
        return out.toString();
    }

    private static String line(SpanData s, String parent) {
        return String.format("%-16s %-30s %-22s %8.2f ms%n", s.getResource().getAttribute(AttributeKey.stringKey("service.name")),
                s.getName(), parent, (s.getEndEpochNanos() - s.getStartEpochNanos()) / 1e6);
    }
}
