package dev.safesend.analytics.rest;

import java.math.BigDecimal;

/** Answer of {@code GET /v1/reports/campaigns/{id}/attribution}; {@code uplift} is null without a holdout. */
public record AttributionView(String campaignId, long replied, double replyRate, Double firstResponseP50Seconds,
                              Double firstResponseP90Seconds, long optOuts, long conversions, BigDecimal conversionValue,
                              Group treated, Group holdout, UpliftView uplift) {

    /** A group of contacts, how many converted, and the rate. */
    public record Group(long contacts, long converted, double rate) {
    }

    /** Treated rate minus holdout rate, with its 95 % confidence interval (Newcombe's hybrid score). */
    public record UpliftView(double difference, double ci95Low, double ci95High) {
    }
}
