package dev.safesend.analytics.domain;

import java.math.BigDecimal;

/**
 * A campaign's attribution figures: contacts delivered to and who of them replied (first response times in seconds,
 * null without replies), opted out and converted (conversions credited to it by last touch, and their value), and the
 * conversion rates of its treatment and holdout groups with the uplift (null without a holdout).
 */
public record CampaignAttribution(String campaignId, String project, long delivered, long replied, Double firstResponseP50Seconds,
                                  Double firstResponseP90Seconds, long optOuts, long conversions, BigDecimal conversionValue,
                                  Uplift.Group treated, Uplift.Group holdout) {

    public double replyRate() {
        return delivered == 0 ? 0.0 : (double) replied / delivered;
    }

    public Uplift uplift() {
        return Uplift.of(treated, holdout);
    }
}
