package dev.safesend.analytics.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** A business conversion to attribute: {@code address} as reported (an E.164 phone or a BSUID), {@code kind} e.g. purchase. */
public record Conversion(String id, String project, String address, String kind, BigDecimal value, String currency,
                         String reference, String source, Instant convertedAt) {
}
