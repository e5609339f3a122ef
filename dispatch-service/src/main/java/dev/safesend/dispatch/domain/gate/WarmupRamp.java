package dev.safesend.dispatch.domain.gate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * How many new recipients a new number may reach per day while it warms up: one entry per week
 * since its warm-up start (default 20 → 50 → 100 → 200 → 500 → 1,000), unlimited afterwards.
 */
public final class WarmupRamp {

    public static final List<Long> DEFAULT_DAILY_BY_WEEK = List.of(20L, 50L, 100L, 200L, 500L, 1000L);

    private final List<Long> dailyByWeek;

    public WarmupRamp(List<Long> dailyByWeek) {
        this.dailyByWeek = List.copyOf(dailyByWeek);
    }

    /** Today's allowance for a number that started warming up on {@code start} (null = no ramp). */
    public long dailyAllowance(LocalDate start, Instant now) {
        if (start == null) {
            return Long.MAX_VALUE;
        }
        long days = Duration.between(start.atStartOfDay(ZoneOffset.UTC).toInstant(), now).toDays();
        if (days < 0) {
            return dailyByWeek.isEmpty() ? Long.MAX_VALUE : dailyByWeek.get(0);
        }
        int week = (int) (days / 7);
        return week < dailyByWeek.size() ? dailyByWeek.get(week) : Long.MAX_VALUE;
    }

    /** Allowances renew at midnight UTC. */
    public static Instant nextReset(Instant now) {
        return now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
