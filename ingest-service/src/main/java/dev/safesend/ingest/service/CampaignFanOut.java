package dev.safesend.ingest.service;

import dev.safesend.ingest.client.ConsentClient;
import dev.safesend.ingest.client.ConsentSegments;
import dev.safesend.ingest.config.IngestConfig;
import dev.safesend.ingest.domain.campaign.Campaign;
import dev.safesend.ingest.domain.campaign.CampaignContact;
import dev.safesend.ingest.domain.campaign.CampaignDefinition;
import dev.safesend.ingest.domain.campaign.CampaignMessages;
import dev.safesend.ingest.domain.campaign.RecipientState;
import dev.safesend.ingest.domain.campaign.RecipientZone;
import dev.safesend.ingest.repository.CampaignRecipientRepository;
import dev.safesend.ingest.repository.CampaignRecipientRepository.NewRecipient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a started campaign's audience into its recipients, a page at a time: each member gets its deterministic
 * message id, its language, its parameter values and its time zone, or is kept back (holdout) or skipped (a
 * parameter with neither a value nor a fallback). A page and the checkpoint past it commit together, so a crash
 * resumes after the last page copied and never copies a member twice.
 */
@ApplicationScoped
public class CampaignFanOut {

    private final ConsentSegments consent;
    private final CampaignRecipientRepository recipients;
    private final IngestConfig config;
    private final MeterRegistry metrics;

    public CampaignFanOut(ConsentSegments consent, CampaignRecipientRepository recipients, IngestConfig config, MeterRegistry metrics) {
        this.consent = consent;
        this.recipients = recipients;
        this.config = config;
        this.metrics = metrics;
    }

    /** Copies the next page; true when more pages follow (false when done, or another instance moved the checkpoint). */
    public boolean step(Campaign c) {
        CampaignDefinition d = c.definition();
        ConsentClient.AudiencePage page = consent.audience(d.segmentId(), d.category().name(), c.audienceCursor(),
                config.campaigns().fanOutPage()).orElseThrow(() -> new IllegalStateException(
                "consent-service no longer has segment " + d.segmentId() + "; campaign " + c.id() + " cannot copy its audience"));
        List<NewRecipient> rows = new ArrayList<>(page.items().size());
        Map<String, ZoneId> zones = new HashMap<>();
        long seq = c.recipients();
        int holdout = 0;
        int skipped = 0;
        for (ConsentClient.Member m : page.items()) {
            CampaignContact contact = CampaignChecks.contact(m);
            NewRecipient r = recipient(c.id(), d, contact, seq++, zones);
            holdout += r.state() == RecipientState.HOLDOUT ? 1 : 0;
            skipped += r.state() == RecipientState.SKIPPED ? 1 : 0;
            rows.add(r);
        }
        String next = page.nextCursor();
        boolean done = next == null;
        String cursor = done ? (rows.isEmpty() ? c.audienceCursor() : rows.get(rows.size() - 1).recipient()) : next;
        boolean written = QuarkusTransaction.requiringNew().call(() -> recipients.append(c.id(), c.audienceCursor(), rows, cursor, done));
        if (!written) {
            return false;
        }
        metrics.counter(IngestMetrics.CAMPAIGN_RECIPIENTS_COPIED, "outcome", "queued").increment(rows.size() - holdout - skipped);
        metrics.counter(IngestMetrics.CAMPAIGN_RECIPIENTS_COPIED, "outcome", "holdout").increment(holdout);
        metrics.counter(IngestMetrics.CAMPAIGN_RECIPIENTS_COPIED, "outcome", "skipped").increment(skipped);
        if (done) {
            Log.infof("campaign audience copied campaignId=%s recipients=%d", c.id(), c.recipients() + rows.size());
        }
        return !done;
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
