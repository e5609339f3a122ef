package dev.safesend.dispatch.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A sender's rate-limit status: its registry limits, the portfolio's rolling-24 h unique-recipient budget, the
 * warm-up ramp, what is deferred, health-monitor's decision ({@code health}, null when none received) and the live
 * pacing on this instance ({@code live}, null when this instance does not pace the sender now).
 */
public record QuotaBody(String senderId, String state, String pauseReason, int messagesPerSecond, String portfolioId,
                        Long portfolioDailyUniqueLimit, Budget budget, Warmup warmup, long deferred, Health health, Live live,
                        Instant asOf) {

    /**
     * @param limit   the portfolio's daily unique-recipient limit the gate applies (the messaging tier of the number's
     *                health decision when it carries one, else the registry's), null = unlimited
     * @param left    what is left of it, null when unlimited
     * @param freesAt when the oldest counted conversation leaves the 24 h window, null when none is counted
     */
    public record Budget(long usedLast24h, Long limit, Long left, Instant freesAt) {
    }

    /**
     * @param allowanceToday new recipients the number may reach today, null when not ramping (no start, or ramp done)
     * @param leftToday      null when not ramping
     * @param resetsAt       midnight UTC, when the allowance renews
     */
    public record Warmup(LocalDate start, List<Long> dailyByWeek, Long allowanceToday, long newRecipientsToday, Long leftToday,
                         Instant resetsAt) {
    }

    public record Health(String state, double throttleFactor, List<String> reasons, Instant until, Instant changedAt) {
    }

    /** @param backingOffUntil null when not backing off */
    public record Live(double configuredRate, double currentRate, double throttleFactor, int urgentQueued, int bulkQueued,
                       int inFlight, Instant backingOffUntil) {
    }
}
