package dev.safesend.ingest.messaging;

import dev.safesend.ingest.mapping.MessageEventMapper;
import dev.safesend.ingest.service.IngestMetrics;
import dev.safesend.ingest.service.SenderHealthProjection;
import dev.safesend.schemas.health.SenderHealthChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * The compacted wa.sender-health.v1, read from the beginning by every instance (its own consumer group) into the
 * in-memory {@link SenderHealthProjection}. A tombstone forgets the number; an undecodable record is dead-lettered.
 */
@ApplicationScoped
public class SenderHealthConsumer {

    private static final String DESERIALIZATION_FAILURE = "deserialization-failure-reason";

    private final SenderHealthProjection projection;
    private final MessageEventMapper mapper;
    private final MeterRegistry metrics;

    public SenderHealthConsumer(SenderHealthProjection projection, MessageEventMapper mapper, MeterRegistry metrics) {
        this.projection = projection;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("sender-health-in")
    public CompletionStage<Void> onSenderHealthChanged(Message<SenderHealthChanged> message) {
        SenderHealthChanged event = message.getPayload();
        var kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        boolean failed = kafka.map(k -> k.getHeaders().lastHeader(DESERIALIZATION_FAILURE) != null).orElse(false);
        if (event == null && failed) {
            count("dead_lettered");
            return message.nack(new IllegalArgumentException("undecodable record (see deserialization-failure-reason header)"));
        }
        if (event == null) {
            kafka.map(k -> (String) k.getKey()).ifPresent(projection::forget);
        } else {
            projection.apply(mapper.fromAvro(event));
        }
        count("success");
        return message.ack();
    }

    private void count(String outcome) {
        metrics.counter(IngestMetrics.MESSAGES_PROCESSED, "event.type", "SenderHealthChanged", "outcome", outcome).increment();
    }
}
