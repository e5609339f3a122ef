package dev.safesend.servicekit.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageTracesTest {

    private static final String MESSAGE_ID = "3f2b8c1e-7a4d-4e9b-9c21-5d6e7f809a1b";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder().setIdGenerator(new MessageTraceIds())
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final Tracer tracer = provider.get("test");

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aMessagesTraceIdIsItsUuidsHexDigits() {
        assertThat(MessageTraces.traceId(MESSAGE_ID)).contains("3f2b8c1e7a4d4e9b9c215d6e7f809a1b");
        assertThat(MessageTraces.traceparent(MESSAGE_ID).orElseThrow())
                .matches("00-3f2b8c1e7a4d4e9b9c215d6e7f809a1b-[0-9a-f]{16}-01")
                .isEqualTo(MessageTraces.traceparent(MESSAGE_ID.toUpperCase()).orElseThrow());
    }

    @Test
    void anIdThatIsNotAUuidHasNoMessageTrace() {
        assertThat(MessageTraces.traceId("wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI1RjQy")).isEmpty();
        assertThat(MessageTraces.traceparent(null)).isEmpty();
        assertThat(MessageTraces.traceId("00000000-0000-0000-0000-000000000000")).isEmpty();
        assertThat(Span.fromContext(MessageTraces.parent("msg-1")).getSpanContext().isValid()).isFalse();
    }

    @Test
    void theRootSpanCarriesTheMessagesIdsAndALaterSpanInAnotherServiceIsItsChild() {
        Span root = MessageTraces.startRoot(tracer.spanBuilder("accept message"), MESSAGE_ID);
        root.end();
        Span later = tracer.spanBuilder("webhook status").setParent(MessageTraces.parent(MESSAGE_ID)).startSpan();
        later.end();
        Span unrelated = tracer.spanBuilder("unrelated").setNoParent().startSpan();
        unrelated.end();

        SpanData r = exported.getFinishedSpanItems().get(0);
        SpanData l = exported.getFinishedSpanItems().get(1);
        SpanData u = exported.getFinishedSpanItems().get(2);
        assertThat(r.getTraceId()).isEqualTo("3f2b8c1e7a4d4e9b9c215d6e7f809a1b");
        assertThat(r.getParentSpanContext().isValid()).isFalse();
        assertThat(MessageTraces.traceparent(MESSAGE_ID)).contains("00-" + r.getTraceId() + "-" + r.getSpanId() + "-01");
        assertThat(l.getTraceId()).isEqualTo(r.getTraceId());
        assertThat(l.getParentSpanId()).isEqualTo(r.getSpanId());
        assertThat(l.getSpanId()).isNotEqualTo(r.getSpanId());
        assertThat(u.getTraceId()).as("ids are random again once the root has started").isNotEqualTo(r.getTraceId());
        assertThat(u.getSpanId()).isNotEqualTo(r.getSpanId());
    }
}
