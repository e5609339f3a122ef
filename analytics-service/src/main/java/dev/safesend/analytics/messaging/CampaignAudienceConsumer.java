package dev.safesend.analytics.messaging;

import dev.safesend.analytics.mapping.AttributionEventMapper;
import dev.safesend.analytics.service.AudienceService;
import dev.safesend.schemas.campaign.CampaignAudienceAssigned;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/** wa.campaign-audience.v1 (group analytics-campaign-audience, batches): who of each campaign was treated or held out. */
@ApplicationScoped
public class CampaignAudienceConsumer {

    private final AudienceService audience;
    private final AttributionEventMapper mapper;
    private final MeterRegistry metrics;

    public CampaignAudienceConsumer(AudienceService audience, AttributionEventMapper mapper, MeterRegistry metrics) {
        this.audience = audience;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("campaign-audience-in")
    @Blocking
    public CompletionStage<Void> onCampaignAudienceAssigned(KafkaRecordBatch<String, CampaignAudienceAssigned> batch) {
        return BatchIntake.take(batch, "CampaignAudienceAssigned", mapper::slice, audience::onAssigned, metrics);
    }
}
