package dev.safesend.ingest.service;

import dev.safesend.ingest.domain.campaign.AudienceAssignment;
import dev.safesend.ingest.domain.campaign.Campaign;
import dev.safesend.ingest.domain.campaign.CampaignState;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A campaign's lifecycle changes on wa.campaign-events.v1 (key: campaignId), with who and why, and who of its audience
 * was treated or held out on wa.campaign-audience.v1; implemented in messaging.
 */
public interface CampaignEvents {

    /** Completes when Kafka has acknowledged the change. */
    CompletableFuture<Void> changed(Campaign campaign, CampaignState from, CampaignState to, String actor, String reason, Instant at);

    /**
     * Publishes the treatment and holdout groups of one copied audience page (in slices small enough for one Kafka
     * record each, ids derived from the campaign and the slice's first position so a republished slice is the same
     * event); completes when Kafka has acknowledged every slice.
     */
    CompletableFuture<Void> audienceAssigned(Campaign campaign, List<AudienceAssignment> members);
}
