package dev.safesend.ingest.messaging;

import dev.safesend.schemas.campaign.CampaignStateChanged;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.util.concurrent.CompletableFuture;

/** Publishes a campaign's lifecycle changes on wa.campaign-events.v1 (key: campaignId). */
@ApplicationScoped
public class CampaignEventProducer {

    private final Emitter<CampaignStateChanged> events;

    public CampaignEventProducer(@Channel("campaign-events-out") Emitter<CampaignStateChanged> events) {
        this.events = events;
    }

    /** Completes when Kafka has acknowledged the event. */
    public CompletableFuture<Void> publish(CampaignStateChanged event) {
        return Acknowledged.send(events, event, event.getCampaignId());
    }
}
