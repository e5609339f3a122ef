package dev.safesend.healthmonitor.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The health API's response bodies. */
public final class HealthViews {

    private HealthViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SenderView(String senderId, String displayNumber, String portfolioId, String wabaId, String state,
                             double throttleFactor, Double score, List<String> reasons, String why, Instant until,
                             Instant changedAt, String qualityRating, String messagingTier, Budget budget,
                             RatesView rates, Windows windows, String manualPause, String project) {
    }

    /** The portfolio's unique recipients in the rolling 24 h (dispatch's count) against the tier's budget. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Budget(Long usedLast24h, Long limit) {
    }

    /** Over the last 24 h, each a share in [0, 1]. */
    public record RatesView(long sent, long delivered, double delivery, double read, double response, double optOut,
                            double block, double error) {
    }

    /** Every counted signal over 1 h, 24 h and 7 days. */
    public record Windows(Map<String, Long> lastHour, Map<String, Long> last24Hours, Map<String, Long> last7Days) {
    }

    public record SenderPage(List<SenderView> items, String nextCursor) {
    }

    public record HistoryEntry(Instant at, String senderId, String portfolioId, String from, String to,
                               double throttleFactor, Double score, List<String> reasons, String actor, String why) {
    }

    public record HistoryPage(List<HistoryEntry> items, String nextCursor) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EngagementView(String project, String contact, String state, Instant dormantUntil, int unreadDelivered,
                                 Instant lastEngagedAt) {
    }

    /** {@code {"reason": "…"}} of a pause or resume. */
    public record ActionBody(String reason) {
    }
}
