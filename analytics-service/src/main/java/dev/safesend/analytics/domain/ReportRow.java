package dev.safesend.analytics.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One row of a report: the dimensions it is grouped by (the others null), its totals, failed messages by Meta error code
 * and suppressed ones by reason, the replies and opt-outs credited to its messages, and the span of the events counted
 * (first acceptance, last counted status).
 */
public record ReportRow(String campaignId, String project, String senderId, String templateName, String templateLanguage,
                        LocalDate day, Instant hour, RollupTotals totals, Map<String, Long> failedByCode,
                        Map<String, Long> suppressedByReason, ReplyTotals replies, Instant firstEventAt, Instant lastEventAt) {

    /** replied / delivered, four decimals; null when nothing was delivered. */
    public Double replyRate() {
        return replies.replyRate(totals.delivered());
    }
}
