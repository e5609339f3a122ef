package dev.safesend.analytics.domain;

import java.time.Instant;
import java.util.Set;

/**
 * What a report asks of the rollups: how rows are grouped, the acceptance-time range [from, to), and filters
 * ({@code projects} null = every project, as a token without a {@code projects} claim sees).
 */
public record ReportQuery(Grouping grouping, Instant from, Instant to, Set<String> projects, String project, String campaignId) {

    /** How rows are grouped; each names the dimensions of its rows. */
    public enum Grouping { CAMPAIGN, CAMPAIGN_DAY, CAMPAIGN_HOUR, SENDER_DAY, TEMPLATE_DAY, PROJECT_DAY, TOTAL }
}
