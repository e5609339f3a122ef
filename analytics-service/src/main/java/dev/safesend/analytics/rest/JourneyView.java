package dev.safesend.analytics.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Answer of {@code GET /v1/contacts/{address}/journey}: the contact's conversions, newest first, each with the touch
 * credited (null: unattributed) and every campaign touch of its window in delivery order. Addresses are masked unless
 * the caller is an admin.
 */
public record JourneyView(String contact, List<ConversionView> conversions) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConversionView(String conversionId, String project, String contact, String type, BigDecimal value, String currency,
                                 String reference, String source, Instant occurredAt, TouchView attributedTo, List<TouchView> journey) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TouchView(String campaignId, String messageId, String recipient, String wamid, String senderId, Instant deliveredAt) {
    }
}
