package dev.safesend.analytics.rest;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Body of {@code POST /v1/conversions}: {@code contact} (E.164 or BSUID) and {@code type} are required; {@code project}
 * may be left out when the token names exactly one project.
 */
public record ConversionBody(String project, String contact, String type, BigDecimal value, String currency, Instant occurredAt,
                             String source, String reference) {
}
