package dev.safesend.ingest.service;

import dev.safesend.ingest.client.ConsentClient;
import dev.safesend.ingest.client.ConsentSegments;
import dev.safesend.ingest.domain.Category;
import dev.safesend.ingest.domain.ContactEngagement;
import dev.safesend.ingest.domain.campaign.Campaign;
import dev.safesend.ingest.domain.campaign.CampaignDefinition;
import dev.safesend.ingest.domain.campaign.CampaignFigures.Forecast;
import dev.safesend.ingest.domain.campaign.CampaignFigures.Progress;
import dev.safesend.ingest.domain.campaign.CampaignForecast;
import dev.safesend.ingest.domain.campaign.MarketingHistoryTally;
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
 * LOW_ENGAGEMENT and not replayed: dispatch will suppress them. The others are judged by dispatch's own per-person
 * marketing rules ({@link RecipientMarketingHistory}): identical content within 30 days is dropped and not replayed; a
 * frequency cap defers (the completion comes no earlier than the latest cap's end) or, past the message's expiry, drops.
 */
@ApplicationScoped
public class CampaignInsight {

    /** notCounted's key for dispatch's per-person marketing rules (the frequency cap and the 30-day identical content). */
    static final String FREQUENCY_CAP = "FREQUENCY_CAP";
    static final String FREQUENCY_CAP_BEFORE_COPY_NOTE = "each recipient's marketing frequency cap and the 30-day identical-content"
            + " rule are counted once the audience is copied (dispatch judges them per person from its send history); until"
            + " then dispatch applies them when it sends, and they show in progress";
    static final String FREQUENCY_CAP_UNANSWERED_NOTE = "dispatch did not answer for its send history, so each recipient's"
            + " marketing frequency cap and the 30-day identical-content rule are not counted; dispatch applies them when it"
            + " sends, and they show in progress";
    static final String LOW_ENGAGEMENT_NOTE = "contacts health-monitor found dormant in the project are counted (dropped"
            + " LOW_ENGAGEMENT) once the audience is copied; until then they are in eligible, and dispatch suppresses their"
            + " marketing as LOW_ENGAGEMENT when it sends";

    private final CampaignService campaigns;
    private final CampaignRecipientRepository recipients;
    private final SenderCapacity capacity;
    private final ConsentSegments consent;
    private final RecipientMarketingHistory marketingHistory;
    private final Clock clock;

    public CampaignInsight(CampaignService campaigns, CampaignRecipientRepository recipients, SenderCapacity capacity,
                           ConsentSegments consent, RecipientMarketingHistory marketingHistory, Clock clock) {
        this.campaigns = campaigns;
        this.recipients = recipients;
        this.capacity = capacity;
        this.consent = consent;
        this.marketingHistory = marketingHistory;
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
        boolean marketing = d.category() == Category.MARKETING; // dispatch applies dormancy and per-person history to marketing only
        Map<String, String> notCounted = new LinkedHashMap<>();
        Map<String, Long> deferred = null;
        MarketingHistoryTally history = null;
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
                // the others, by dispatch's per-person rules on its send history: identical content is suppressed, a
                // frequency cap defers (or, past the message's expiry, lets it expire)
                history = marketingHistory.tally(c, from).orElse(null);
                if (history == null) {
                    notCounted.put(FREQUENCY_CAP, FREQUENCY_CAP_UNANSWERED_NOTE);
                } else {
                    history.dropped().forEach((reason, n) -> dropped.merge(reason, n, Long::sum));
                    eligible = Math.max(0, eligible - history.droppedTotal());
                    byZone = CampaignForecast.less(byZone, history.droppedByZone());
                    deferred = history.deferred();
                }
            }
        } else {
            basis = "segment"; // who is in the audience is not known here yet, so neither is who of them is dormant
            if (marketing) {
                notCounted.put(FREQUENCY_CAP, FREQUENCY_CAP_BEFORE_COPY_NOTE);
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
        if (history != null) {
            eta = history.completion(eta); // a capped recipient goes once its cap ends
        }
        return new Forecast(eligible, dropped, deferred, eta, plan.ratePerSecond(cap.messagesPerSecond()), cap.fromDispatch(),
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
