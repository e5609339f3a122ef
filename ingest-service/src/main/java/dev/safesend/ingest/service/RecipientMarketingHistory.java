package dev.safesend.ingest.service;

import dev.safesend.ingest.client.MarketingHistoryClient;
import dev.safesend.ingest.client.ServiceToken;
import dev.safesend.ingest.config.IngestConfig;
import dev.safesend.ingest.domain.Template;
import dev.safesend.ingest.domain.campaign.Campaign;
import dev.safesend.ingest.domain.campaign.CampaignDefinition;
import dev.safesend.ingest.domain.campaign.MarketingHistoryTally;
import dev.safesend.ingest.repository.CampaignRecipientRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What dispatch's per-person marketing rules will do to a marketing campaign's recipients not yet released: each
 * queued recipient (less those dropped as LOW_ENGAGEMENT, which dispatch stops first) is rendered as the releaser
 * renders it ({@link CampaignReleaser#render}), digested as dispatch digests it ({@code TemplateRef.contentHash}), and
 * judged by dispatch ({@code POST /v1/recipients:marketing-history}) against its send ledger, one page per request.
 * Empty when dispatch does not answer: the forecast then says the rules are not counted.
 */
@ApplicationScoped
public class RecipientMarketingHistory {

    private final CampaignRecipientRepository recipients;
    private final TemplateRegistryService templates;
    private final MarketingHistoryClient dispatch;
    private final ServiceToken token;
    private final int page;

    public RecipientMarketingHistory(CampaignRecipientRepository recipients, TemplateRegistryService templates,
                                     @RestClient MarketingHistoryClient dispatch, ServiceToken token, IngestConfig config) {
        this.recipients = recipients;
        this.templates = templates;
        this.dispatch = dispatch;
        this.token = token;
        this.page = Math.max(1, Math.min(config.campaigns().forecastHistoryPage(), MarketingHistoryClient.MAX_ITEMS));
    }

    /**
     * Judged at {@code at} (the forecast's start); a deferred recipient's message is taken to expire the campaign's TTL
     * after {@code at}, as if released then.
     */
    public Optional<MarketingHistoryTally> tally(Campaign c, Instant at) {
        CampaignDefinition d = c.definition();
        Instant expiresAt = at.plus(d.ttl());
        MarketingHistoryTally tally = new MarketingHistoryTally();
        Map<String, Template.ParameterFormat> formats = new HashMap<>();
        long after = -1;
        int asked = 0;
        while (true) {
            List<CampaignRecipientRepository.Waiting> rows = recipients.queuedAfter(c.id(), after, page, d.project(), at);
            if (rows.isEmpty()) {
                break;
            }
            List<MarketingHistoryClient.Item> items = new ArrayList<>(rows.size());
            for (CampaignRecipientRepository.Waiting w : rows) {
                items.add(new MarketingHistoryClient.Item(w.queued().recipient(),
                        CampaignReleaser.render(templates, d, w.queued(), formats).contentHash()));
            }
            MarketingHistoryClient.Answer answer;
            try {
                answer = dispatch.judge(new MarketingHistoryClient.Query(at, items), token.authorization());
            } catch (RuntimeException e) {
                Log.warnf("campaign forecast campaignId=%s: dispatch did not judge its recipients' marketing history (%s)",
                        c.id(), e.getMessage());
                return Optional.empty();
            }
            if (answer == null || answer.items() == null || answer.evaluated() != rows.size()) {
                Log.warnf("campaign forecast campaignId=%s: dispatch's marketing-history answer does not cover the %d asked",
                        c.id(), rows.size());
                return Optional.empty();
            }
            for (MarketingHistoryClient.Verdict v : answer.items()) {
                if (v.index() < 0 || v.index() >= rows.size()) {
                    continue; // not one asked: nothing to count
                }
                ZoneId zone = ZoneId.of(rows.get(v.index()).zone());
                if ("SUPPRESSED".equals(v.outcome())) {
                    tally.suppressed(zone, v.reason());
                } else if ("DEFERRED".equals(v.outcome())) {
                    tally.deferred(zone, v.reason(), v.until(), expiresAt);
                }
            }
            asked += rows.size();
            after = rows.get(rows.size() - 1).queued().seq();
            if (rows.size() < page) {
                break;
            }
        }
        Log.debugf("campaign forecast campaignId=%s: %d queued recipients judged by dispatch's marketing history", c.id(), asked);
        return Optional.of(tally);
    }
}
