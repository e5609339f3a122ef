package dev.safesend.analytics.messaging;

import dev.safesend.analytics.mapping.AttributionEventMapper;
import dev.safesend.analytics.service.ConversionService;
import dev.safesend.schemas.analytics.ConversionRecorded;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/** wa.conversions.v1 (group analytics-conversions, batches): each conversion once, credited last-touch with its journey. */
@ApplicationScoped
public class ConversionConsumer {

    private final ConversionService conversions;
    private final AttributionEventMapper mapper;
    private final MeterRegistry metrics;

    public ConversionConsumer(ConversionService conversions, AttributionEventMapper mapper, MeterRegistry metrics) {
        this.conversions = conversions;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("conversions-in")
    @Blocking
    public CompletionStage<Void> onConversionRecorded(KafkaRecordBatch<String, ConversionRecorded> batch) {
        return BatchIntake.take(batch, "ConversionRecorded", mapper::conversion, conversions::onConversions, metrics);
    }
}
