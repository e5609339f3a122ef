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
        return Optional.of(new CampaignReport(acrossProjects(total, campaignId, always, future, access), daily, hourly));
    }

    /** One UTC day's totals over the caller's projects. */
    public ReportRow overview(LocalDate day, ProjectAccess access) {
        return reports.list(new ReportQuery(Grouping.TOTAL, start(day), start(day.plusDays(1)), access.scope().projects(), null, null)).get(0);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * A campaign whose messages span several projects is one report row: the campaign's rows counted as one (its TOTAL
     * row), so distinct repliers and the median response time are of the whole campaign, not added up per project.
     */
    private ReportRow acrossProjects(List<ReportRow> rows, String campaignId, Instant from, Instant to, ProjectAccess access) {
        if (rows.size() == 1) {
            return rows.get(0);
        }
        ReportRow t = reports.list(new ReportQuery(Grouping.TOTAL, from, to, access.scope().projects(), null, campaignId)).get(0);
        return new ReportRow(campaignId, rows.get(0).project(), null, null, null, null, null, t.totals(), t.failedByCode(),
                t.suppressedByReason(), t.replies(), t.firstEventAt(), t.lastEventAt());
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
