package dev.safesend.analytics.messaging;

import dev.safesend.analytics.mapping.AttributionEventMapper;
import dev.safesend.analytics.service.ReplyService;
import dev.safesend.schemas.message.InboundMessageReceived;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/** wa.inbound-messages.v1 (group analytics-replies, batches): every user message, credited to the campaign message it answers. */
@ApplicationScoped
public class ReplyConsumer {

    private final ReplyService replies;
    private final AttributionEventMapper mapper;
    private final MeterRegistry metrics;

    public ReplyConsumer(ReplyService replies, AttributionEventMapper mapper, MeterRegistry metrics) {
        this.replies = replies;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("attribution-inbound-messages-in")
    @Blocking
    public CompletionStage<Void> onInboundMessageReceived(KafkaRecordBatch<String, InboundMessageReceived> batch) {
        return BatchIntake.take(batch, "InboundMessageReceived", mapper::reply, replies::onReplies, metrics);
    }
}
