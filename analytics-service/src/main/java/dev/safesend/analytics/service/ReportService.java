package dev.safesend.analytics.service;

import dev.safesend.servicekit.tenancy.ProjectAccess;
import dev.safesend.analytics.domain.CampaignReport;
import dev.safesend.analytics.domain.ReportQuery;
import dev.safesend.analytics.domain.ReportQuery.Grouping;
import dev.safesend.analytics.domain.ReportRow;
import dev.safesend.analytics.repository.ReportRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reports over the rollups, within the projects the caller's token allows. Days are UTC days of the messages'
 * acceptance; {@code from} and {@code to} are both included.
 */
@ApplicationScoped
public class ReportService {

    private final ReportRepository reports;
    private final Clock clock = Clock.systemUTC();

    public ReportService(ReportRepository reports) {
        this.reports = reports;
    }

    /** The report's query within the caller's projects (403 when it names a project the token does not allow). */
    public ReportQuery query(Grouping grouping, LocalDate from, LocalDate to, String project, ProjectAccess access) {
        access.require(project);
        return new ReportQuery(grouping, start(from), start(to.plusDays(1)), access.scope().projects(), project, null);
    }

    /** Hands the report's rows to {@code sink} as they are read (a CSV export streams them out). */
    public void stream(ReportQuery query, Consumer<ReportRow> sink) {
        reports.stream(query, sink);
    }

    public List<ReportRow> list(ReportQuery query) {
        return reports.list(query);
    }

    /** The campaign's report, or empty when no message of it (in the caller's projects) was counted. */
    public Optional<CampaignReport> campaign(String campaignId, ProjectAccess access) {
        Instant always = Instant.EPOCH;
        Instant future = Instant.parse("9999-01-01T00:00:00Z");
        List<ReportRow> total = reports.list(new ReportQuery(Grouping.CAMPAIGN, always, future, access.scope().projects(), null, campaignId));
        if (total.isEmpty()) {
            return Optional.empty();
        }
        List<ReportRow> daily = reports.list(new ReportQuery(Grouping.CAMPAIGN_DAY, always, future, access.scope().projects(), null, campaignId));
        Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS);
        List<ReportRow> hourly = reports.list(new ReportQuery(Grouping.CAMPAIGN_HOUR, now.minus(47, ChronoUnit.HOURS),
                now.plus(1, ChronoUnit.HOURS), access.scope().projects(), null, campaignId));
        return Optional.of(new CampaignReport(merge(total), daily, hourly));
    }

    /** One UTC day's totals over the caller's projects. */
    public ReportRow overview(LocalDate day, ProjectAccess access) {
        return reports.list(new ReportQuery(Grouping.TOTAL, start(day), start(day.plusDays(1)), access.scope().projects(), null, null)).get(0);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** A campaign whose messages span several projects is one report row: its rows are added up. */
    private static ReportRow merge(List<ReportRow> rows) {
        if (rows.size() == 1) {
            return rows.get(0);
        }
        ReportRow first = rows.get(0);
        long[] sums = new long[9];
        java.util.Map<String, Long> codes = new java.util.TreeMap<>();
        java.util.Map<String, Long> reasons = new java.util.TreeMap<>();
        Instant firstAt = null;
        Instant lastAt = null;
        for (ReportRow r : rows) {
            var t = r.totals();
            long[] v = {t.submitted(), t.sent(), t.delivered(), t.read(), t.failed(), t.suppressed(), t.rejected(), t.expired(), t.deferred()};
            for (int i = 0; i < 9; i++) {
                sums[i] += v[i];
            }
            r.failedByCode().forEach((k, n) -> codes.merge(k, n, Long::sum));
            r.suppressedByReason().forEach((k, n) -> reasons.merge(k, n, Long::sum));
            firstAt = firstAt == null || (r.firstEventAt() != null && r.firstEventAt().isBefore(firstAt)) ? r.firstEventAt() : firstAt;
            lastAt = lastAt == null || (r.lastEventAt() != null && r.lastEventAt().isAfter(lastAt)) ? r.lastEventAt() : lastAt;
        }
        return new ReportRow(first.campaignId(), first.project(), null, null, null, null, null,
                new dev.safesend.analytics.domain.RollupTotals(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7], sums[8]),
                codes, reasons, firstAt, lastAt);
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
