package dev.safesend.ingest.domain.campaign;

import java.time.Instant;

/**
 * A campaign as the service sees it.
 *
 * @param pauseReason  why an automatic pause holds it (null for none or a manual pause)
 * @param recipients   audience rows copied so far
 * @param audienceDone whether the whole audience has been copied
 */
public record Campaign(String id, CampaignDefinition definition, CampaignState state, String pauseReason, String pausedBy,
                       String createdBy, Instant createdAt, Instant updatedAt, Instant startedAt, Instant finishedAt,
                       long recipients, boolean audienceDone, String audienceCursor) {
}
