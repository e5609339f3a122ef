package dev.safesend.ingest.domain.campaign;

import java.time.Instant;

/** One lifecycle change: from (null when created) → to, by whom and why. */
public record CampaignTransition(CampaignState from, CampaignState to, String actor, String reason, Instant at) {
}
