package dev.safesend.ingest.domain.campaign;

import java.time.Instant;
import java.util.Map;

/** What a campaign has done (its progress) and will do (its forecast), as ingest computes them and the API shows them. */
public final class CampaignFigures {

    private CampaignFigures() {
    }

    /** Progress: counts by state, and by reason where a state has reasons, plus the pace. */
    public record Progress(Map<String, Long> counts, Map<String, Map<String, Long>> reasons, long total, long remaining,
                           double currentRatePerSecond, Instant estimatedCompletionAt) {
    }

    /**
     * @param eligible   recipients the campaign will try to reach: the copied audience less holdout, skipped, cancelled
     *                   and (marketing) the queued recipients dispatch will suppress (LOW_ENGAGEMENT, identical content)
     *                   or hold past their expiry (frequency cap); before the copy, consent's opted-in count less the
     *                   expected holdout
     * @param dropped    by reason (NO_OPT_IN, OPTED_OUT, HOLDOUT, MISSING_PARAMETER; for marketing once the audience is
     *                   copied LOW_ENGAGEMENT, and IDENTICAL_CONTENT_WITHIN_30_DAYS and MARKETING_FREQUENCY_CAP when
     *                   dispatch answered)
     * @param deferred   marketing recipients dispatch will hold and then send, by reason (MARKETING_FREQUENCY_CAP); null
     *                   when not counted (not marketing, before the copy, or dispatch did not answer)
     * @param basis      "recipients" when computed from the copied audience, "segment" from consent's counts before that
     * @param notCounted rules of the gate the forecast does not count, with why
     */
    public record Forecast(long eligible, Map<String, Long> dropped, Map<String, Long> deferred, Instant estimatedCompletionAt,
                           double ratePerSecond, boolean sendersFromDispatch, long budgetLeft, String basis,
                           Map<String, String> notCounted) {
    }
}
