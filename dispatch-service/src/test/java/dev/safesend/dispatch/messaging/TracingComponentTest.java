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
import dev.safesend.servicekit.tracing.MessageTraces;
import dev.safesend.testsupport.SafesendInfraResource;
import dev.safesend.testsupport.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * dispatch's part of a message's trace (docs/operations.md, "Tracing"): the lanes' raw consumer carries no context, so
 * the gate's span and the Cloud API call's span find the trace from the messageId, under ingest's root span.
 */
@QuarkusTest
@TestProfile(TracingComponentTest.Profile.class)
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
@QuarkusTestResource(FakeCloudApiResource.class)
class TracingComponentTest {

    /** The SDK on (it is off in every other profile but prod), spans exported at once to {@link InMemorySpans}. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "20ms");
        }
    }

    private static final String SENDER = "110000000000001";
    private static final String RECIPIENT = "+263771234580";

    @Inject
    InMemorySpanExporter spans;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theGateAndTheCloudApiCallOfAMessageAreInTheTraceItsMessageIdGivesUnderIngestsRootSpan() throws Exception {
        GateFixtures.registerSender(SENDER, 80, null);
        GateFixtures.consent(dataSource, RECIPIENT, "school", "OPTED_IN");
        String messageId = UUID.randomUUID().toString();
        String traceId = messageId.replace("-", "");
        String root = MessageTraces.root(messageId).orElseThrow().getSpanId();
        String traceparent = MessageTraces.traceparent(messageId).orElseThrow();
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (TopicProbe events = TopicProbe.atEnd(bootstrap, Topics.MESSAGE_EVENTS.topicName());
             KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                     new StringSerializer(), new AvroSerializer()::serialize)) {
            ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(Topics.OUTBOUND_URGENT.topicName(), SENDER, message(messageId));
            record.headers().add(MessageTraces.TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII)); // as ingest writes it
            producer.send(record).get();

            ConsumerRecord<String, byte[]> submitted = events.awaitRaw(r -> messageId.equals(r.key()), 1, Duration.ofSeconds(20)).get(0);
            assertThat(header(submitted)).as("the SUBMITTED event carries the message's root").isEqualTo(traceparent);

            List<SpanData> trace = await().atMost(Duration.ofSeconds(10)).until(() -> inTrace(traceId),
                    s -> s.stream().anyMatch(d -> d.getName().equals("cloud-api send")));
            SpanData gate = named(trace, "dispatch gate");
            assertThat(gate.getParentSpanId()).as("a child of ingest's root span").isEqualTo(root);
            assertThat(gate.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(gate.getAttributes().get(AttributeKey.stringKey("safesend.gate.decision"))).isEqualTo("SEND");
            SpanData call = named(trace, "cloud-api send");
            assertThat(call.getParentSpanId()).isEqualTo(root);
            assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(call.getAttributes().get(AttributeKey.stringKey("safesend.outcome"))).isEqualTo("ACCEPTED");
            assertThat(call.getAttributes().get(AttributeKey.stringKey("safesend.wamid"))).startsWith("wamid.fake-");
            for (SpanData s : List.of(gate, call)) {
                assertThat(s.getAttributes().get(MessageTraces.MESSAGE_ID)).isEqualTo(messageId);
                assertThat(s.getAttributes().get(MessageTraces.SENDER_ID)).isEqualTo(SENDER);
            }
            assertThat(trace).allSatisfy(s -> assertThat(s.getAttributes().asMap().values().toString())
                    .as("no phone number in a span").doesNotContain(RECIPIENT.substring(1)));
            System.out.println("Trace " + traceId + " (dispatch-service; parent " + root + " is ingest's root span):\n" + print(trace, root));
        }
    }

    private static OutboundMessage message(String messageId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return OutboundMessage.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setMessageId(messageId)
                .setProject("school").setSenderId(SENDER).setRecipient(RECIPIENT).setCategory(Category.UTILITY)
                .setTemplate(TemplateContent.newBuilder().setName("order_update").setLanguage("en_US")
                        .setBodyParameters(List.of("Tariro", "A-1001")).build())
                .setExpiresAt(now.plusSeconds(600)).build();
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

    private static String print(List<SpanData> trace, String root) {
        Map<String, String> names = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, SpanData::getName, (a, b) -> a));
        names.put(root, "accept message (ingest)");
        StringBuilder out = new StringBuilder(String.format("%-18s %-30s %-26s %10s%n", "service", "span", "parent", "duration"));
        trace.stream().sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).forEach(s -> out.append(String.format(
                "%-18s %-30s %-26s %8.2f ms%n", s.getResource().getAttribute(AttributeKey.stringKey("service.name")), s.getName(),
                names.getOrDefault(s.getParentSpanId(), s.getParentSpanId()), (s.getEndEpochNanos() - s.getStartEpochNanos()) / 1e6)));
        return out.toString();
    }
}
