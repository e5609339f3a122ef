package dev.safesend.consent.rest;

import java.time.Instant;
import java.util.Map;

/**
 * A segment's counts for one category: {@code matched} contacts pass every filter whatever their consent,
 * {@code optedIn} of them are the audience, and {@code dropped} says why the others are not in it
 * ({@code NO_OPT_IN}: no consent recorded for the category, {@code OPTED_OUT}); {@code matched} = {@code optedIn} + the
 * dropped. The opted-in by region (ISO 3166, {@code ZZ} when unknown) and language ({@code und} when unknown) list
 * only keys with at least one.
 */
public record SegmentCountsView(String segmentId, String category, long matched, long optedIn, Map<String, Long> dropped,
                                Map<String, Long> optedInByRegion, Map<String, Long> optedInByLanguage, Instant countedAt) {
}
