package dev.safesend.analytics.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.math.BigDecimal;
import java.util.List;

/** Answer of {@code GET /v1/reports/segments}: touched contacts per segment, ranked by conversion rate. */
public record SegmentView(String by, List<Row> segments) {

    /** One segment (also one CSV line, in this column order). */
    @JsonPropertyOrder({"segment", "contacts", "converted", "rate", "conversionValue"})
    public record Row(String segment, long contacts, long converted, double rate, BigDecimal conversionValue) {
    }
}
