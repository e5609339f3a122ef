package dev.safesend.ingest.service;

import dev.safesend.ingest.client.ConsentClient;
import dev.safesend.ingest.client.ConsentSegments;
import dev.safesend.ingest.domain.Category;
import dev.safesend.ingest.domain.ContactEngagement;
import dev.safesend.ingest.domain.campaign.Campaign;
import dev.safesend.ingest.domain.campaign.CampaignDefinition;
import dev.safesend.ingest.domain.campaign.CampaignForecast;
import dev.safesend.ingest.domain.campaign.RecipientState;
import dev.safesend.ingest.domain.campaign.RecipientZone;
import dev.safesend.ingest.domain.campaign.ReleasePlan;
import dev.safesend.ingest.repository.CampaignRecipientRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a campaign has done and will do: its progress by state and reason, and its forecast, replayed with the
 * releaser's own rules ({@link ReleasePlan}) from the recipients still queued (or, before the audience is copied,
 * from consent-service's counts of the segment), the senders' rates and the portfolio's budget. A marketing
 * campaign's queued recipients whose contact is dormant past the forecast's start (contact_engagement) are dropped as
 * LOW_ENGAGEMENT and not replayed: dispatch will suppress them.
 */
@ApplicationScoped
public class CampaignInsight {

    /** Progress: counts by state, and by reason where a state has reasons, plus the pace. */
    public record Progress(Map<String, Long> counts, Map<String, Map<String, Long>> reasons, long total, long remaining,
                           double currentRatePerSecond, Instant estimatedCompletionAt) {
    }

    /**
     * @param eligible   recipients the campaign will try to reach: the copied audience less holdout, skipped, cancelled
     *                   and (marketing) the queued recipients dispatch will suppress as LOW_ENGAGEMENT; before the copy,
     *                   consent's opted-in count less the expected holdout
     * @param dropped    by reason (NO_OPT_IN, OPTED_OUT, HOLDOUT, MISSING_PARAMETER, LOW_ENGAGEMENT once the audience is
     *                   copied)
     * @param basis      "recipients" when computed from the copied audience, "segment" from consent's counts before that
     * @param notCounted rules of the gate the forecast does not count, with why
     */
    public record Forecast(long eligible, Map<String, Long> dropped, Instant estimatedCompletionAt, double ratePerSecond,
                           boolean sendersFromDispatch, long budgetLeft, String basis, Map<String, String> notCounted) {
    }

    static final String FREQUENCY_CAP_NOTE = "dispatch applies each recipient's marketing cap and the 30-day identical-content"
            + " rule when it sends; they defer or suppress there and show in progress";
    static final String LOW_ENGAGEMENT_NOTE = "contacts health-monitor found dormant in the project are counted (dropped"
            + " LOW_ENGAGEMENT) once the audience is copied; until then they are in eligible, and dispatch suppresses their"
            + " marketing as LOW_ENGAGEMENT when it sends";

    private final CampaignService campaigns;
    private final CampaignRecipientRepository recipients;
    private final SenderCapacity capacity;
    private final ConsentSegments consent;
    private final Clock clock;

    public CampaignInsight(CampaignService campaigns, CampaignRecipientRepository recipients, SenderCapacity capacity,
                           ConsentSegments consent, Clock clock) {
        this.campaigns = campaigns;
        this.recipients = recipients;
        this.capacity = capacity;
        this.consent = consent;
        this.clock = clock;
    }

    public Progress progress(String id) {
        Campaign c = campaigns.get(id);
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Map<String, Long>> reasons = new TreeMap<>();
        long total = 0;
        long remaining = 0;
        for (CampaignRecipientRepository.StateCount sc : recipients.counts(id)) {
            String state = sc.state().name();
            counts.merge(state, sc.count(), Long::sum);
            total += sc.count();
            if (!sc.state().terminal()) {
                remaining += sc.count();
            }
            if (sc.reason() != null) {
                reasons.computeIfAbsent(state, k -> new TreeMap<>()).merge(sc.reason(), sc.count(), Long::sum);
            }
        }
        long replied = recipients.replied(id);
        if (replied > 0) {
            counts.put("REPLIED", replied); // a count of its own: a replied message is also DELIVERED or READ
        }
        Instant now = clock.instant();
        double rate = recipients.releasedSince(id, now.minus(Duration.ofMinutes(1))) / 60.0;
        long waiting = counts.getOrDefault(RecipientState.RELEASED.name(), 0L) + counts.getOrDefault(RecipientState.DEFERRED.name(), 0L);
        Instant eta = c.state().finished() ? c.finishedAt() : completion(c, now, waiting);
        return new Progress(counts, reasons, total, remaining, rate, eta);
    }

    public Forecast forecast(String id) {
        Campaign c = campaigns.get(id);
        CampaignDefinition d = c.definition();
        Instant now = clock.instant();
        Instant from = d.schedule().startAt() != null && d.schedule().startAt().isAfter(now) ? d.schedule().startAt() : now;
        SenderCapacity.Capacity cap = capacity.of(capacity.pool(d.project()));
        Map<String, Long> dropped = new LinkedHashMap<>();
        Map<ZoneId, Long> byZone;
        long eligible;
        String basis;
        ConsentClient.SegmentCounts counts = CampaignChecks.counts(consent, d)
                .orElseThrow(() -> new CampaignDependencyUnavailableException("consent-service no longer has segment " + d.segmentId(), null));
        dropped.put("NO_OPT_IN", counts.dropped().getOrDefault("NO_OPT_IN", 0L));
        dropped.put("OPTED_OUT", counts.dropped().getOrDefault("OPTED_OUT", 0L));
        boolean marketing = d.category() == Category.MARKETING; // dispatch suppresses only marketing to a dormant contact
        Map<String, String> notCounted = new LinkedHashMap<>();
        notCounted.put("FREQUENCY_CAP", FREQUENCY_CAP_NOTE);
        if (c.audienceDone()) {
            basis = "recipients";
            byZone = RecipientZone.byZone(recipients.queuedByZone(id));
            eligible = 0;
            for (CampaignRecipientRepository.StateCount sc : recipients.counts(id)) {
                if (sc.state() == RecipientState.HOLDOUT || sc.state() == RecipientState.SKIPPED) {
                    dropped.merge(sc.reason(), sc.count(), Long::sum);
                } else if (sc.state() != RecipientState.CANCELLED) {
                    eligible += sc.count();
                }
            }
            if (marketing) {
                // recipients not yet released whose contact stays dormant past the forecast's start: dispatch will
                // suppress them, so they are dropped here and left out of what the release replays
                Map<ZoneId, Long> dormant = RecipientZone.byZone(recipients.dormantQueuedByZone(id, d.project(), from));
                long lowEngagement = dormant.values().stream().mapToLong(Long::longValue).sum();
                dropped.merge(ContactEngagement.LOW_ENGAGEMENT, lowEngagement, Long::sum);
                eligible = Math.max(0, eligible - lowEngagement);
                byZone = CampaignForecast.less(byZone, dormant);
            }
        } else {
            basis = "segment"; // who is in the audience is not known here yet, so neither is who of them is dormant
            if (marketing) {
                notCounted.put(ContactEngagement.LOW_ENGAGEMENT, LOW_ENGAGEMENT_NOTE);
            }
            long holdout = Math.round(counts.optedIn() * d.holdoutPercent() / 100.0);
            dropped.put("HOLDOUT", holdout);
            eligible = counts.optedIn() - holdout;
            byZone = new LinkedHashMap<>();
            double share = counts.optedIn() == 0 ? 0 : (double) eligible / counts.optedIn();
            for (Map.Entry<String, Long> r : counts.optedInByRegion().entrySet()) {
                byZone.merge(RecipientZone.ofRegion(r.getKey(), d.schedule().timeZone()), Math.round(r.getValue() * share), Long::sum);
            }
        }
        ReleasePlan plan = ReleasePlan.forCampaign(d, cap.quietHours());
        CampaignRecipientRepository.Released released = recipients.released(id, d.pacing(), now);
        Instant eta = CampaignForecast.completion(plan, byZone, from, cap.messagesPerSecond(), released.lastHour(), released.lastDay(),
                cap.budget(), 0, d.ttl());
        return new Forecast(eligible, dropped, eta, plan.ratePerSecond(cap.messagesPerSecond()), cap.fromDispatch(),
                cap.budgetLeft(), basis, notCounted);
    }

    /** @param waiting released and not yet sent: in dispatch's lanes or deferred there (by the budget, say) */
    private Instant completion(Campaign c, Instant now, long waiting) {
        CampaignDefinition d = c.definition();
        SenderCapacity.Capacity cap = capacity.of(capacity.pool(d.project()));
        CampaignRecipientRepository.Released released = recipients.released(c.id(), d.pacing(), now);
        return CampaignForecast.completion(ReleasePlan.forCampaign(d, cap.quietHours()), RecipientZone.byZone(recipients.queuedByZone(c.id())),
                now, cap.messagesPerSecond(), released.lastHour(), released.lastDay(), cap.budget(), waiting, d.ttl());
    }

}
