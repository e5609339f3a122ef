package dev.safesend.analytics.rest;

/** Answer of {@code POST /v1/conversions} (202): the conversion's id; the same for a retried POST with the same key or reference. */
public record ConversionAccepted(String conversionId) {
}
