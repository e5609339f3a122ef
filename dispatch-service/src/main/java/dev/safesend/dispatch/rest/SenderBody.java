package dev.safesend.dispatch.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A sender as the registry API reads and writes it. On write, {@code state}, {@code pauseReason}, {@code pauseSource},
 * {@code pausedAt}, {@code effectivePortfolioDailyUniqueLimit} and {@code health} are ignored (use {@code :pause} /
 * {@code :resume}; the rest is health-monitor's); omitted limits take their defaults.
 *
 * @param pauseSource                        AUTO (dispatch paused it on Meta's 131048/368/131031; health-monitor's next
 *                                           decision lifts it) or OPERATOR (only {@code :resume} lifts it); absent when active
 * @param effectivePortfolioDailyUniqueLimit the portfolio limit the gate applies to this number: the messaging tier of its
 *                                           health decision when that carries one, else {@code portfolioDailyUniqueLimit};
 *                                           absent = unlimited
 * @param health                             the health decision dispatch applies; absent when none received
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SenderBody(String senderId, String wabaId, String displayNumber, String project, String pool,
                         Integer messagesPerSecond, String portfolioId, Long portfolioDailyUniqueLimit,
                         LocalDate warmupStart, List<Long> warmupDailyByWeek, String quietHoursStart,
                         String quietHoursEnd, String state, String pauseReason, String pauseSource, Instant pausedAt,
                         Long effectivePortfolioDailyUniqueLimit, Health health) {

    /**
     * health-monitor's decision on the number (wa.sender-health.v1) as dispatch applies it: it holds until health-monitor
     * publishes the next one ({@code until} is the earliest the restriction may be lifted, shown, not acted on).
     *
     * @param state          HEALTHY, WARNING, THROTTLED, CRITICAL or PAUSED
     * @param throttleFactor the share of {@code messagesPerSecond} the number sends at, in every state (clamped to 0.01–1)
     * @param changedAt      when health-monitor took the decision
     * @param messagingTier  Meta's messaging tier of the portfolio, absent when not known
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Health(String state, double throttleFactor, List<String> reasons, Instant until, Instant changedAt,
                         Double healthScore, String qualityRating, String portfolioId, String messagingTier,
                         List<HeldTemplate> heldTemplates) {
    }

    /** @param language absent: every language of the name */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HeldTemplate(String name, String language, String reason) {
    }
}
