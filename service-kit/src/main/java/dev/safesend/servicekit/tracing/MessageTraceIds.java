package dev.safesend.servicekit.tracing;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.IdGenerator;

/**
 * The SDK's id generator where the message trace rule is used: random ids, except for the root span
 * {@link MessageTraces#startRoot} is starting on this thread, which gets the ids the messageId gives. A service
 * produces it as a CDI bean (Quarkus' OpenTelemetry extension then builds its tracer provider with it).
 */
public final class MessageTraceIds implements IdGenerator {

    private final IdGenerator random = IdGenerator.random();

    @Override
    public String generateSpanId() {
        SpanContext root = MessageTraces.pendingRoot();
        return root != null ? root.getSpanId() : random.generateSpanId();
    }

    @Override
    public String generateTraceId() {
        SpanContext root = MessageTraces.pendingRoot();
        return root != null ? root.getTraceId() : random.generateTraceId();
    }
}
