package dev.safesend.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A campaign as the API answers it: its definition, its state and, on a single read, its progress. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignView(String id, String state, String pauseReason, String name, String project, String category,
                           CampaignBody.Template template, Map<String, CampaignBody.Parameter> parameters,
                           CampaignBody.Audience audience, CampaignBody.Schedule schedule, CampaignBody.Pacing pacing,
                           int priority, double holdoutPercent, String ttl, boolean autoResume, String createdBy,
                           Instant createdAt, Instant updatedAt, Instant startedAt, Instant finishedAt, long recipients,
                           boolean audienceCopied, ProgressView progress, List<TransitionView> history) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProgressView(Map<String, Long> counts, Map<String, Map<String, Long>> reasons, long total, long remaining,
                               double currentRatePerSecond, Instant estimatedCompletionAt) {
    }

    public record TransitionView(String from, String to, String actor, String reason, Instant at) {
    }

    /**
     * {@code :forecast}'s answer. {@code dropped}: by reason (NO_OPT_IN, OPTED_OUT, HOLDOUT, MISSING_PARAMETER and, for
     * a marketing campaign on basis "recipients", LOW_ENGAGEMENT: queued recipients dispatch will suppress as dormant;
     * IDENTICAL_CONTENT_WITHIN_30_DAYS: queued recipients dispatch will suppress for content they had within 30 days;
     * MARKETING_FREQUENCY_CAP: queued recipients whose marketing cap ends only after their message expires).
     * {@code deferred}: marketing recipients dispatch will hold and then send, by reason (MARKETING_FREQUENCY_CAP;
     * {@code estimatedCompletionAt} is no earlier than the latest cap's end); absent when not counted.
     * {@code notCounted}: the gate's rules left out of the figures, with why (for marketing: FREQUENCY_CAP on basis
     * "segment" or when dispatch did not answer; LOW_ENGAGEMENT on basis "segment", before the audience is copied).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ForecastView(long eligible, Map<String, Long> dropped, Map<String, Long> deferred, Instant estimatedCompletionAt,
                               double ratePerSecond, boolean sendersFromDispatch, Long budgetLeft, String basis,
                               Map<String, String> notCounted) {
    }

    public record Page(List<CampaignView> items, String nextCursor) {
    }
}
