package dev.safesend.dispatch.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A sender's rate-limit status: its registry limits, the portfolio's rolling unique-recipient budget (24 h at Meta), the
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
     * @param usedLast24h unique recipients the portfolio opened conversations with in the rolling window (named for
     *                    Meta's 24 h; counted over {@code window} when that is set shorter)
     * @param freesAt when the oldest counted conversation leaves the window, null when none is counted
     * @param window  the rolling window the budget is counted over, ISO-8601 ({@code PT24H} at Meta; shorter only in
     *                tests and benchmarks, safesend.dispatch.budget.window)
     */
    public record Budget(long usedLast24h, Long limit, Long left, Instant freesAt, String window) {
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
