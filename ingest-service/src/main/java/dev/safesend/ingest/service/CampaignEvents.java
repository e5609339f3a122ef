package dev.safesend.ingest.service;

import dev.safesend.ingest.domain.campaign.Campaign;
import dev.safesend.ingest.domain.campaign.CampaignState;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** A campaign's lifecycle changes on wa.campaign-events.v1 (key: campaignId), with who and why; implemented in messaging. */
public interface CampaignEvents {

    /** Completes when Kafka has acknowledged the change. */
    CompletableFuture<Void> changed(Campaign campaign, CampaignState from, CampaignState to, String actor, String reason, Instant at);
}
