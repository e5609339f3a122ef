package dev.safesend.ingest.messaging;

import dev.safesend.ingest.domain.AcceptedMessage;
import dev.safesend.ingest.domain.Lane;
import dev.safesend.ingest.domain.MessageRequest;
import dev.safesend.ingest.domain.Violation;
import dev.safesend.ingest.mapping.MessageEventMapper;
import dev.safesend.ingest.service.OutboundPublisher;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.servicekit.tracing.MessageTraces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes accepted messages to their sender's lane (key: senderId) with their ACCEPTED events, and REJECTED events.
 * Each message starts its own trace here (service-kit's {@link MessageTraces}: trace id = messageId): one root span
 * per message, linked to the request that sent it and ended when Kafka acknowledged its records, which carry the
 * root as their {@code traceparent} header.
 */
@ApplicationScoped
public class OutboundProducer implements OutboundPublisher {

    /** Room for a full batch (1,000 lane records + 1,000 events) or a full webhook (1,000 updates) at once. */
    static final long BUFFER = 16_384;

    private final Emitter<OutboundMessage> urgent;
    private final Emitter<OutboundMessage> bulk;
    private final Emitter<MessageStatusChanged> events;
    private final MessageEventMapper mapper;
    private final Tracer tracer;

    public OutboundProducer(@Channel("outbound-urgent-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
                            Emitter<OutboundMessage> urgent,
                            @Channel("outbound-bulk-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
                            Emitter<OutboundMessage> bulk,
                            @Channel("message-events-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
                            Emitter<MessageStatusChanged> events,
                            MessageEventMapper mapper, Tracer tracer) {
        this.tracer = tracer;
        this.urgent = urgent;
        this.bulk = bulk;
        this.events = events;
        this.mapper = mapper;
    }

    @Override
    public CompletableFuture<Void> publishAll(List<AcceptedMessage> accepted, String requestId) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(accepted.size() * 2);
        SpanContext request = Span.current().getSpanContext();
        for (AcceptedMessage a : accepted) {
            boolean urgentLane = a.lane() == Lane.URGENT;
            Span root = startRoot("accept message", a.messageId(), request)
                    .setAttribute(MessageTraces.SENDER_ID, a.senderId())
                    .setAttribute("safesend.lane", a.lane().name())
                    .setAttribute("safesend.category", a.request().category().name())
                    .setAttribute("safesend.project", a.request().project())
                    .setAttribute("messaging.destination.name", (urgentLane ? Topics.OUTBOUND_URGENT : Topics.OUTBOUND_BULK).topicName());
            String traceparent = MessageTraces.traceparent(a.messageId()).orElse(null);
            CompletableFuture<Void> lane = Acknowledged.send(urgentLane ? urgent : bulk, mapper.toOutbound(a, requestId), a.senderId(), traceparent);
            CompletableFuture<Void> event = Acknowledged.send(events, mapper.accepted(a, requestId), a.messageId(), traceparent);
            acks.add(lane);
            acks.add(event);
            CompletableFuture.allOf(lane, event).whenComplete((ok, failure) -> end(root, failure));
        }
        return Acknowledged.all(acks);
    }

    @Override
    public CompletableFuture<Void> publishRejected(String messageId, String requestId, MessageRequest request, List<Violation> violations) {
        Span root = startRoot("reject message", messageId, Span.current().getSpanContext())
                .setAttribute("safesend.project", request.project());
        root.setStatus(StatusCode.ERROR, "rejected: " + violations.stream().map(Violation::code).distinct().toList());
        CompletableFuture<Void> event = Acknowledged.send(events, mapper.rejected(messageId, requestId, request, violations), messageId,
                MessageTraces.traceparent(messageId).orElse(null));
        event.whenComplete((ok, failure) -> end(root, failure));
        return event;
    }

    private Span startRoot(String name, String messageId, SpanContext request) {
        SpanBuilder builder = tracer.spanBuilder(name).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(MessageTraces.MESSAGE_ID, messageId)
                .setAttribute("messaging.system", "kafka");
        if (request.isValid()) {
            builder.addLink(request);
        }
        return MessageTraces.startRoot(builder, messageId);
    }

    private static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, "not acknowledged by Kafka: " + failure.getMessage());
        }
        span.end();
    }
}
