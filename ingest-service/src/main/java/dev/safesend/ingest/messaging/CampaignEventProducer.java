package dev.safesend.ingest.messaging;

import dev.safesend.ingest.domain.campaign.AudienceAssignment;
import dev.safesend.ingest.domain.campaign.Campaign;
import dev.safesend.ingest.domain.campaign.CampaignState;
import dev.safesend.ingest.mapping.CampaignEventMapper;
import dev.safesend.ingest.service.CampaignEvents;
import dev.safesend.schemas.campaign.CampaignAudienceAssigned;
import dev.safesend.schemas.campaign.CampaignStateChanged;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes a campaign's lifecycle changes on wa.campaign-events.v1 and its treatment/holdout assignments on
 * wa.campaign-audience.v1 (key: campaignId for both).
 */
@ApplicationScoped
public class CampaignEventProducer implements CampaignEvents {

    /** Members per wa.campaign-audience.v1 record: 2,000 addresses of up to 160 characters stay well under Kafka's 1 MB. */
    static final int SLICE = 2_000;

    private final Emitter<CampaignStateChanged> events;
    private final Emitter<CampaignAudienceAssigned> audience;
    private final CampaignEventMapper mapper;

    public CampaignEventProducer(@Channel("campaign-events-out") Emitter<CampaignStateChanged> events,
                                 @Channel("campaign-audience-out") Emitter<CampaignAudienceAssigned> audience, CampaignEventMapper mapper) {
        this.events = events;
        this.audience = audience;
        this.mapper = mapper;
    }

    @Override
    public CompletableFuture<Void> changed(Campaign campaign, CampaignState from, CampaignState to, String actor, String reason,
                                           Instant at) {
        return Acknowledged.send(events, mapper.changed(campaign, from, to, actor, reason, at), campaign.id());
    }

    @Override
    public CompletableFuture<Void> audienceAssigned(Campaign campaign, List<AudienceAssignment> members) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int from = 0; from < members.size(); from += SLICE) {
            List<AudienceAssignment> slice = members.subList(from, Math.min(members.size(), from + SLICE));
            acks.add(Acknowledged.send(audience, mapper.assigned(campaign, slice, Instant.now()), campaign.id()));
        }
        return Acknowledged.all(acks);
    }
}
