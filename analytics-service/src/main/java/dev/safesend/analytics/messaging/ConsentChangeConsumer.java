package dev.safesend.analytics.messaging;

import dev.safesend.analytics.mapping.AttributionEventMapper;
import dev.safesend.analytics.service.ReplyService;
import dev.safesend.schemas.consent.ConsentChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * wa.consent-changes.v1 (group analytics-consent, batches): consent-service's contact links (every address of a contact
 * under its key) and opt-outs, credited to the campaign message delivered last within the reply window. A tombstone
 * (erasure) has no value and is skipped.
 */
@ApplicationScoped
public class ConsentChangeConsumer {

    private final ReplyService replies;
    private final AttributionEventMapper mapper;
    private final MeterRegistry metrics;

    public ConsentChangeConsumer(ReplyService replies, AttributionEventMapper mapper, MeterRegistry metrics) {
        this.replies = replies;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("attribution-consent-changes-in")
    @Blocking
    public CompletionStage<Void> onConsentChanged(KafkaRecordBatch<String, ConsentChanged> batch) {
        return BatchIntake.take(batch, "ConsentChanged", mapper::consent, replies::onConsentChanges, metrics);
    }
}
