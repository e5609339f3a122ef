package dev.safesend.analytics.messaging;

import dev.safesend.analytics.mapping.MessageEventMapper;
import dev.safesend.analytics.service.AnalyticsMetrics;
import dev.safesend.analytics.service.MessageTimelineService;
import dev.safesend.schemas.message.MessageStatusChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes wa.message-events.v1 into the timeline; a record that throws goes to the DLQ with reason headers. */
@ApplicationScoped
public class MessageEventConsumer {

    private final MessageTimelineService timelines;
    private final MessageEventMapper mapper;
    private final MeterRegistry metrics;

    public MessageEventConsumer(MessageTimelineService timelines, MessageEventMapper mapper, MeterRegistry metrics) {
        this.timelines = timelines;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("message-events-in")
    @Blocking
    public void onMessageStatusChanged(MessageStatusChanged event) {
        Timer.Sample sample = Timer.start(metrics);
        String outcome = "dead_lettered";
        try {
            if (event == null) {
                throw new IllegalArgumentException("undecodable record (see deserialization-failure-reason header)");
            }
            outcome = switch (timelines.record(mapper.toDomain(event))) {
                case RECORDED -> "success";
                case DUPLICATE -> "duplicate";
                case NOT_OURS -> "skipped";
            };
        } finally {
            sample.stop(metrics.timer(AnalyticsMetrics.MESSAGE_PROCESSING));
            metrics.counter(AnalyticsMetrics.MESSAGES_PROCESSED, "event.type", "MessageStatusChanged", "outcome", outcome).increment();
        }
    }
}
