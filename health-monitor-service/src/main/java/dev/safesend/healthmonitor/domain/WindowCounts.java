package dev.safesend.healthmonitor.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Sliding-window counters of one scope: per metric, one bucket per minute over the last 24 h and one per hour over
 * the last 7 days, in rings (a slot remembers which minute or hour it holds, so a stale slot reads as zero). Sums
 * over 1 h and 24 h are exact to the minute, over 7 days to the hour. Not thread-safe: one writer, readers take a
 * {@link #totals(Instant)} under the owner's lock.
 */
public final class WindowCounts {

    public static final Duration HOUR = Duration.ofHours(1);
    public static final Duration DAY = Duration.ofHours(24);
    public static final Duration WEEK = Duration.ofDays(7);

    private static final int MINUTES = 24 * 60;
    private static final int HOURS = 7 * 24;

    private final Map<String, Ring> minutes = new HashMap<>();
    private final Map<String, Ring> hours = new HashMap<>();

    /** Adds {@code n} to a metric at a time (ignored when older than 7 days; a time after {@code now} counts now). */
    public void add(String metric, Instant at, long n, Instant now) {
        Instant when = at.isAfter(now) ? now : at;
        long minute = when.getEpochSecond() / 60;
        long nowMinute = now.getEpochSecond() / 60;
        if (nowMinute - minute < MINUTES) {
            minutes.computeIfAbsent(metric, m -> new Ring(MINUTES)).add(minute, n);
        }
        long hour = minute / 60;
        if (nowMinute / 60 - hour < HOURS) {
            hours.computeIfAbsent(metric, m -> new Ring(HOURS)).add(hour, n);
        }
    }

    /** Restores one stored bucket (a minute or an hour) at start. */
    public void restore(String metric, boolean hour, Instant at, long n, Instant now) {
        long minute = at.getEpochSecond() / 60;
        long nowMinute = now.getEpochSecond() / 60;
        if (!hour && nowMinute - minute < MINUTES) {
            minutes.computeIfAbsent(metric, m -> new Ring(MINUTES)).add(minute, n);
        } else if (hour && nowMinute / 60 - minute / 60 < HOURS) {
            hours.computeIfAbsent(metric, m -> new Ring(HOURS)).add(minute / 60, n);
        }
    }

    /** The count of a metric over the last {@code window} (1 h and 24 h from minutes, longer from hours). */
    public long sum(String metric, Duration window, Instant now) {
        long nowMinute = now.getEpochSecond() / 60;
        if (window.compareTo(DAY) <= 0) {
            Ring r = minutes.get(metric);
            return r == null ? 0 : r.sum(nowMinute - window.toMinutes() + 1, nowMinute);
        }
        Ring r = hours.get(metric);
        long nowHour = nowMinute / 60;
        return r == null ? 0 : r.sum(nowHour - window.toHours() + 1, nowHour);
    }

    public Set<String> metrics() {
        return hours.keySet();
    }

    /** Every metric's counts over 1 h, 24 h and 7 days. */
    public WindowTotals totals(Instant now) {
        Map<String, Long> h1 = new HashMap<>();
        Map<String, Long> h24 = new HashMap<>();
        Map<String, Long> d7 = new HashMap<>();
        for (String metric : hours.keySet()) {
            h1.put(metric, sum(metric, HOUR, now));
            h24.put(metric, sum(metric, DAY, now));
            d7.put(metric, sum(metric, WEEK, now));
        }
        return new WindowTotals(new Counts(h1), new Counts(h24), new Counts(d7));
    }

    /** True when nothing was counted in the last 7 days (the scope can be forgotten). */
    public boolean idle(Instant now) {
        return hours.keySet().stream().allMatch(m -> sum(m, WEEK, now) == 0);
    }

    private static final class Ring {
        private final long[] slot;
        private final long[] count;

        Ring(int size) {
            slot = new long[size];
            count = new long[size];
            java.util.Arrays.fill(slot, Long.MIN_VALUE);
        }

        void add(long unit, long n) {
            int i = (int) Math.floorMod(unit, (long) slot.length);
            if (slot[i] != unit) {
                if (slot[i] > unit) {
                    return; // the slot already holds a newer unit: this one fell out of the window
                }
                slot[i] = unit;
                count[i] = 0;
            }
            count[i] += n;
        }

        long sum(long fromUnit, long toUnit) {
            long total = 0;
            long from = Math.max(fromUnit, toUnit - slot.length + 1);
            for (long u = from; u <= toUnit; u++) {
                int i = (int) Math.floorMod(u, (long) slot.length);
                if (slot[i] == u) {
                    total += count[i];
                }
            }
            return total;
        }
    }

    /** Counts over the three windows. */
    public record WindowTotals(Counts hour, Counts day, Counts week) {
    }

    /** Metric → count over one window. */
    public record Counts(Map<String, Long> values) {

        public Counts {
            values = Map.copyOf(values);
        }

        public static Counts empty() {
            return new Counts(Map.of());
        }

        public long get(Signal signal) {
            return values.getOrDefault(signal.name(), 0L);
        }

        public long get(String metric) {
            return values.getOrDefault(metric, 0L);
        }

        public long optOuts() {
            return get(Signal.OPT_OUT_KEYWORD) + get(Signal.OPT_OUT_PREFERENCES) + get(Signal.OPT_OUT_131050)
                    + get(Signal.OPT_OUT_OTHER);
        }

        /** The sum with another window's counts (a portfolio from its numbers). */
        public Counts plus(Counts other) {
            Map<String, Long> m = new HashMap<>(values);
            other.values.forEach((k, v) -> m.merge(k, v, Long::sum));
            return new Counts(m);
        }
    }
}
