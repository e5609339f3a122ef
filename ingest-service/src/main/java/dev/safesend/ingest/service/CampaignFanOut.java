package dev.safesend.ingest.service;

import dev.safesend.ingest.client.ConsentClient;
import dev.safesend.ingest.client.ConsentSegments;
import dev.safesend.ingest.config.IngestConfig;
import dev.safesend.ingest.domain.campaign.AudienceAssignment;
import dev.safesend.ingest.domain.campaign.Campaign;
import dev.safesend.ingest.domain.campaign.CampaignContact;
import dev.safesend.ingest.domain.campaign.CampaignDefinition;
import dev.safesend.ingest.domain.campaign.CampaignMessages;
import dev.safesend.ingest.domain.campaign.RecipientState;
import dev.safesend.ingest.domain.campaign.RecipientZone;
import dev.safesend.ingest.repository.CampaignRecipientRepository.NewRecipient;
import dev.safesend.ingest.repository.CampaignRecipientRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Copies a started campaign's audience into its recipients, a page at a time (the next page is read while one is
 * written): each member gets its deterministic
 * message id, its language, its parameter values and its time zone, or is kept back (holdout) or skipped (a
 * parameter with neither a value nor a fallback). A page and the checkpoint past it commit together, so a crash
 * resumes after the last page copied and never copies a member twice. Before the page commits, who of it was treated
 * and who held out is published on wa.campaign-audience.v1 and acknowledged by Kafka (analytics measures uplift
 * against the holdout): a page is never committed without its assignments, and one published but not committed is
 * published again, identically, by the copy that retries it.
 */
@ApplicationScoped
public class CampaignFanOut {

    /** How long a page waits for Kafka to acknowledge its treatment/holdout assignments before the copy is retried. */
    private static final long ASSIGNMENT_ACK_SECONDS = 30;

    private final ConsentSegments consent;
    private final CampaignRecipientRepository recipients;
    private final CampaignEvents events;
    private final IngestConfig config;
    private final MeterRegistry metrics;
    /** Reads the next audience page while the current one is written. */
    private final ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingest-campaign-audience");
        t.setDaemon(true);
        return t;
    });

    public CampaignFanOut(ConsentSegments consent, CampaignRecipientRepository recipients, CampaignEvents events, IngestConfig config,
                          MeterRegistry metrics) {
        this.consent = consent;
        this.recipients = recipients;
        this.events = events;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Copies the rest of the campaign's audience, page after page, reading the next page from consent-service while
     * the current one is written. Stops when the audience is done, or when the checkpoint is no longer the one this
     * run wrote (another instance copies it, or the campaign was cancelled).
     */
    public void copyRest(Campaign c) {
        CampaignDefinition d = c.definition();
        String cursor = c.audienceCursor();
        long seq = c.recipients();
        CompletableFuture<ConsentClient.AudiencePage> next = fetch(c, cursor);
        try {
            while (true) {
                ConsentClient.AudiencePage page = join(next);
                String following = page.nextCursor();
                boolean done = following == null;
                next = done ? null : fetch(c, following);
                List<NewRecipient> rows = new ArrayList<>(page.items().size());
                Map<String, ZoneId> zones = new HashMap<>();
                int holdout = 0;
                int skipped = 0;
                for (ConsentClient.Member m : page.items()) {
                    NewRecipient r = recipient(c.id(), d, CampaignChecks.contact(m), seq++, zones);
                    holdout += r.state() == RecipientState.HOLDOUT ? 1 : 0;
                    skipped += r.state() == RecipientState.SKIPPED ? 1 : 0;
                    rows.add(r);
                }
                String previous = cursor;
                String checkpoint = done ? (rows.isEmpty() ? previous : rows.get(rows.size() - 1).recipient()) : following;
                List<AudienceAssignment> assigned = assignments(rows);
                boolean written = QuarkusTransaction.requiringNew().call(() -> {
                    boolean appended = recipients.append(c.id(), previous, rows, checkpoint, done);
                    if (appended && !assigned.isEmpty()) {
                        events.audienceAssigned(c, assigned).get(ASSIGNMENT_ACK_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
                    }
                    return appended;
                });
                if (!written) {
                    return;
                }
                cursor = checkpoint;
                metrics.counter(IngestMetrics.CAMPAIGN_RECIPIENTS_COPIED, "outcome", "queued").increment(rows.size() - holdout - skipped);
                metrics.counter(IngestMetrics.CAMPAIGN_RECIPIENTS_COPIED, "outcome", "holdout").increment(holdout);
                metrics.counter(IngestMetrics.CAMPAIGN_RECIPIENTS_COPIED, "outcome", "skipped").increment(skipped);
                if (done) {
                    Log.infof("campaign audience copied campaignId=%s recipients=%d", c.id(), seq);
                    return;
                }
            }
        } finally {
            if (next != null) {
                next.cancel(true);
            }
        }
    }

    private CompletableFuture<ConsentClient.AudiencePage> fetch(Campaign c, String cursor) {
        CampaignDefinition d = c.definition();
        return CompletableFuture.supplyAsync(() -> consent.audience(d.segmentId(), d.category().name(), cursor,
                config.campaigns().fanOutPage()).orElseThrow(() -> new IllegalStateException(
                "consent-service no longer has segment " + d.segmentId() + "; campaign " + c.id() + " cannot copy its audience")), prefetch);
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The page's treated (queued) and held-out members; skipped members were assigned to neither group. */
    static List<AudienceAssignment> assignments(List<NewRecipient> rows) {
        List<AudienceAssignment> out = new ArrayList<>(rows.size());
        for (NewRecipient r : rows) {
            if (r.state() == RecipientState.HOLDOUT || r.state() == RecipientState.QUEUED) {
                out.add(new AudienceAssignment(r.seq(), r.recipient(), r.state() == RecipientState.HOLDOUT));
            }
        }
        return out;
    }

    /** One member as a recipient row: the rules of fan-out, the same for every run. */
    static NewRecipient recipient(String campaignId, CampaignDefinition d, CampaignContact contact, long seq, Map<String, ZoneId> zones) {
        String address = contact.address();
        String messageId = CampaignMessages.messageId(campaignId, address);
        ZoneId zone = zones.computeIfAbsent(zoneKey(address), k -> RecipientZone.of(address, d.schedule().timeZone()));
        String language = CampaignMessages.languageFor(contact, d.template());
        if (CampaignMessages.inHoldout(campaignId, address, d.holdoutPercent())) {
            return new NewRecipient(seq, address, messageId, zone.getId(), language, List.of(), RecipientState.HOLDOUT, "HOLDOUT");
        }
        Map<String, String> values = CampaignMessages.parametersFor(contact, d.parameters());
        if (values == null) {
            return new NewRecipient(seq, address, messageId, zone.getId(), language, List.of(), RecipientState.SKIPPED, "MISSING_PARAMETER");
        }
        return new NewRecipient(seq, address, messageId, zone.getId(), language, new ArrayList<>(values.values()),
                RecipientState.QUEUED, null);
    }

    /** Numbers of one country code and area share a zone; a BSUID's zone is its region's. */
    private static String zoneKey(String address) {
        return address.length() > 6 && address.startsWith("+") ? address.substring(0, 6) : address.substring(0, Math.min(2, address.length()));
    }
}
