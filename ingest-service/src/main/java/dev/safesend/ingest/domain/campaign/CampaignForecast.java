package dev.safesend.ingest.domain.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replays a campaign's release in 10-second steps with {@link ReleasePlan}'s rules, the senders' rate and the
 * portfolio's unique-recipient budget, and says when the last message will have been released (null: not within
 * the horizon, e.g. a window that never opens on the days left).
 */
public final class CampaignForecast {

    /** The longest a forecast looks ahead. */
    public static final Duration HORIZON = Duration.ofDays(30);
    /** The replay's step: fine enough that a window opening on the minute is seen within 10 s. */
    static final Duration STEP = Duration.ofSeconds(10);
    private static final long HOUR = Duration.ofHours(1).dividedBy(STEP);
    private static final long DAY = Duration.ofDays(1).dividedBy(STEP);

    private CampaignForecast() {
    }

    /**
     * @param remaining        recipients still to release, by zone
     * @param sendersPerSecond the campaign's senders' combined rate (throttle applied)
     * @param budgetLeft       unique recipients the portfolio may still reach in the current 24 h (Long.MAX_VALUE: none)
     * @param budgetPerDay     the portfolio's tier: what frees up as the 24 h window rolls (Long.MAX_VALUE: none)
     */
    public static Instant completion(ReleasePlan plan, Map<ZoneId, Long> remaining, Instant from, double sendersPerSecond,
                                     long releasedLastHour, long releasedLastDay, long budgetLeft, long budgetPerDay) {
        Map<ZoneId, Long> left = new HashMap<>(remaining);
        left.values().removeIf(v -> v <= 0);
        if (left.isEmpty()) {
            return from;
        }
        Instant t = from;
        double perStep = plan.ratePerSecond(sendersPerSecond) * STEP.toSeconds();
        ArrayDeque<long[]> lastHour = new ArrayDeque<>();   // [step index, released]
        ArrayDeque<long[]> lastDay = new ArrayDeque<>();
        long hour = releasedLastHour;
        long day = releasedLastDay;
        long budget = budgetLeft;
        ArrayDeque<long[]> budgetUse = new ArrayDeque<>();
        double carry = 0;
        long steps = HORIZON.dividedBy(STEP);
        for (long m = 0; m < steps; m++, t = t.plus(STEP)) {
            if (m == HOUR) {
                hour -= releasedLastHour; // what was released before the forecast has left the hour by now
            }
            if (m == DAY) {
                day -= releasedLastDay;
            }
            while (!lastHour.isEmpty() && lastHour.peekFirst()[0] <= m - HOUR) {
                hour -= lastHour.pollFirst()[1];
            }
            while (!lastDay.isEmpty() && lastDay.peekFirst()[0] <= m - DAY) {
                day -= lastDay.pollFirst()[1];
            }
            while (!budgetUse.isEmpty() && budgetUse.peekFirst()[0] <= m - DAY) {
                budget = saturatingAdd(budget, budgetUse.pollFirst()[1]);
            }
            if (m == DAY && budgetPerDay != Long.MAX_VALUE && budgetLeft != Long.MAX_VALUE) {
                budget = saturatingAdd(budget, Math.max(0, budgetPerDay - budgetLeft)); // others' use rolls off too
            }
            if (!plan.started(t)) {
                continue;
            }
            long room = Math.min(plan.ceilingRoom(hour, day), budget);
            long releasedNow = 0;
            double stepCapacity = carry + perStep * plan.factor(left, t);
            long capacity = (long) Math.floor(stepCapacity);
            carry = stepCapacity - capacity;
            capacity = Math.min(capacity, room);
            for (Map.Entry<ZoneId, Long> e : new LinkedHashMap<>(left).entrySet()) {
                if (capacity <= 0) {
                    break;
                }
                if (plan.factor(e.getKey(), t) <= 0) {
                    continue;
                }
                long n = Math.min(capacity, e.getValue());
                capacity -= n;
                releasedNow += n;
                if (n == e.getValue()) {
                    left.remove(e.getKey());
                } else {
                    left.put(e.getKey(), e.getValue() - n);
                }
            }
            if (releasedNow > 0) {
                hour += releasedNow;
                day += releasedNow;
                lastHour.add(new long[] {m, releasedNow});
                lastDay.add(new long[] {m, releasedNow});
                if (budget != Long.MAX_VALUE) {
                    budget -= releasedNow;
                    budgetUse.add(new long[] {m, releasedNow});
                }
            }
            if (left.isEmpty()) {
                return t.plus(STEP);
            }
        }
        return null;
    }

    /**
     * What is left to release per zone once recipients dispatch will suppress anyway (a dormant contact's marketing)
     * are taken out: never below zero, and a zone left empty is dropped.
     */
    public static Map<ZoneId, Long> less(Map<ZoneId, Long> remaining, Map<ZoneId, Long> suppressed) {
        Map<ZoneId, Long> left = new LinkedHashMap<>();
        remaining.forEach((zone, n) -> {
            long rest = n - Math.max(0, suppressed.getOrDefault(zone, 0L));
            if (rest > 0) {
                left.put(zone, rest);
            }
        });
        return left;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
