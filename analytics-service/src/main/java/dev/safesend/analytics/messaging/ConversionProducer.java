package dev.safesend.analytics.messaging;

import dev.safesend.analytics.domain.Conversion;
import dev.safesend.analytics.mapping.AttributionEventMapper;
import dev.safesend.analytics.service.ConversionEvents;
import dev.safesend.schemas.analytics.ConversionRecorded;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** Publishes reported conversions on wa.conversions.v1, keyed by the contact's address; the future completes on Kafka's ack. */
@ApplicationScoped
public class ConversionProducer implements ConversionEvents {

    private final Emitter<ConversionRecorded> conversions;
    private final AttributionEventMapper mapper;

    public ConversionProducer(@Channel("conversions-out") Emitter<ConversionRecorded> conversions, AttributionEventMapper mapper) {
        this.conversions = conversions;
        this.mapper = mapper;
    }

    @Override
    public CompletableFuture<Void> recorded(Conversion conversion) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<ConversionRecorded> message = Message.of(mapper.recorded(conversion, Instant.now()))
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                })
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(conversion.address()).build());
        try {
            conversions.send(message);
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }
}
