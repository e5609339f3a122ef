package dev.safesend.analytics.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Touched contacts counted per segment, and how many of them converted (a conversion attributed to a campaign touch);
 * ranked by conversion rate, then by size, then by name.
 */
public final class SegmentRanking {

    /** One segment's figures. */
    public record Segment(String segment, long contacts, long converted, BigDecimal conversionValue) {
        public double rate() {
            return contacts == 0 ? 0.0 : (double) converted / contacts;
        }
    }

    private final Map<String, long[]> counts = new HashMap<>();
    private final Map<String, BigDecimal> values = new HashMap<>();

    public void add(String segment, boolean converted, BigDecimal value) {
        long[] c = counts.computeIfAbsent(segment, s -> new long[2]);
        c[0]++;
        c[1] += converted ? 1 : 0;
        if (value != null) {
            values.merge(segment, value, BigDecimal::add);
        }
    }

    public List<Segment> top(int limit) {
        List<Segment> all = new ArrayList<>();
        counts.forEach((s, c) -> all.add(new Segment(s, c[0], c[1], values.getOrDefault(s, BigDecimal.ZERO))));
        all.sort(Comparator.comparingDouble(Segment::rate).reversed().thenComparing(Comparator.comparingLong(Segment::contacts).reversed())
                .thenComparing(Segment::segment));
        return all.size() > limit ? all.subList(0, limit) : all;
    }
}
