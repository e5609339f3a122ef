package dev.safesend.dispatch.messaging;

import dev.safesend.dispatch.mapping.MessageEventMapper;
import dev.safesend.dispatch.service.DispatchMetrics;
import dev.safesend.dispatch.service.DispatchService;
import dev.safesend.schemas.message.OutboundMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes both lanes of every sender (keyed by senderId, so one consumer owns a sender). The
 * offset of a record is committed only after its send settled and its event was acknowledged;
 * a record that throws goes to {@code <topic>.dlq} with the reason in its headers.
 */
@ApplicationScoped
public class OutboundConsumer {

    private final DispatchService dispatch;
    private final MessageEventMapper mapper;
    private final MeterRegistry metrics;

    public OutboundConsumer(DispatchService dispatch, MessageEventMapper mapper, MeterRegistry metrics) {
        this.dispatch = dispatch;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("outbound-urgent-in")
    @Blocking
    public void onUrgentMessage(OutboundMessage message) {
        handle(message, "urgent");
    }

    @Incoming("outbound-bulk-in")
    @Blocking
    public void onBulkMessage(OutboundMessage message) {
        handle(message, "bulk");
    }

    private void handle(OutboundMessage message, String lane) {
        Timer.Sample sample = Timer.start(metrics);
        String outcome = "dead_lettered";
        try {
            if (message == null) {
                throw new IllegalArgumentException("undecodable record (see deserialization-failure-reason header)");
            }
            DispatchService.Result result = dispatch.dispatch(mapper.toDomain(message));
            outcome = result == DispatchService.Result.DUPLICATE ? "duplicate" : "success";
        } finally {
            sample.stop(metrics.timer(DispatchMetrics.MESSAGE_PROCESSING, "lane", lane));
            metrics.counter(DispatchMetrics.MESSAGES_PROCESSED, "event.type", "OutboundMessage", "lane", lane, "outcome", outcome).increment();
        }
    }
}
