package dev.safesend.ingest.domain.project;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The periods a project's message quota counts in: the UTC day and the UTC month. */
public enum QuotaPeriod {
    DAY, MONTH;

    /** The period that holds {@code now}, as a key: {@code 2026-12-05} or {@code 2026-12}. */
    public String bucket(Instant now) {
        LocalDate d = now.atZone(ZoneOffset.UTC).toLocalDate();
        return this == DAY ? d.toString() : d.toString().substring(0, 7);
    }

    /** When the period holding {@code now} began. */
    public Instant start(Instant now) {
        LocalDate d = now.atZone(ZoneOffset.UTC).toLocalDate();
        return (this == DAY ? d : d.withDayOfMonth(1)).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** When the next period begins. */
    public Instant next(Instant now) {
        ZonedDateTime start = start(now).atZone(ZoneOffset.UTC);
        return (this == DAY ? start.plusDays(1) : start.plusMonths(1)).toInstant();
    }

    /** Whole seconds until the next period (at least 1): a refused request's Retry-After. */
    public long secondsToNext(Instant now) {
        long millis = next(now).toEpochMilli() - now.toEpochMilli();
        return Math.max(1, (millis + 999) / 1000);
    }
}
