package dev.safesend.ingest.messaging;

import dev.safesend.ingest.domain.campaign.Campaign;
import dev.safesend.ingest.domain.campaign.CampaignState;
import dev.safesend.ingest.mapping.CampaignEventMapper;
import dev.safesend.ingest.service.CampaignEvents;
import dev.safesend.schemas.campaign.CampaignStateChanged;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** Publishes a campaign's lifecycle changes on wa.campaign-events.v1 (key: campaignId). */
@ApplicationScoped
public class CampaignEventProducer implements CampaignEvents {

    private final Emitter<CampaignStateChanged> events;
    private final CampaignEventMapper mapper;

    public CampaignEventProducer(@Channel("campaign-events-out") Emitter<CampaignStateChanged> events, CampaignEventMapper mapper) {
        this.events = events;
        this.mapper = mapper;
    }

    @Override
    public CompletableFuture<Void> changed(Campaign campaign, CampaignState from, CampaignState to, String actor, String reason,
                                           Instant at) {
        return Acknowledged.send(events, mapper.changed(campaign, from, to, actor, reason, at), campaign.id());
    }
}
