package dev.safesend.analytics.domain;

import java.time.Instant;
import java.util.List;

/** Part of a started campaign's audience: who was assigned to the treatment group and who to the holdout. */
public record AudienceSlice(String campaignId, String project, Instant startedAt, List<String> treated, List<String> holdout) {
}
