package dev.safesend.analytics.mapping;

import dev.safesend.analytics.domain.CampaignReport;
import dev.safesend.analytics.domain.ReplyTotals;
import dev.safesend.analytics.domain.ReportRow;
import dev.safesend.analytics.domain.RollupTotals;
import dev.safesend.analytics.rest.ReportViews;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Report rows (domain) → the reports' JSON views and CSV rows. */
@ApplicationScoped
public class ReportApiMapper {

    public ReportViews.CampaignRow campaign(ReportRow r) {
        RollupTotals t = r.totals();
        ReplyTotals y = r.replies();
        return new ReportViews.CampaignRow(r.campaignId(), r.project(), t.submitted(), t.sent(), t.delivered(), t.read(), t.failed(),
                t.suppressed(), t.rejected(), t.expired(), t.deferred(), t.deliveredRate(), t.readRate(), y.replied(), r.replyRate(),
                y.optOuts(), y.firstResponseP50Seconds(), r.failedByCode(),
                r.suppressedByReason(), r.firstEventAt(), r.lastEventAt());
    }

    public ReportViews.DailyRow daily(ReportRow r) {
        RollupTotals t = r.totals();
        ReplyTotals y = r.replies();
        return new ReportViews.DailyRow(r.day(), t.submitted(), t.sent(), t.delivered(), t.read(), t.failed(), t.suppressed(),
                t.rejected(), t.expired(), t.deferred(), t.deliveredRate(), t.readRate(), y.replied(), r.replyRate(), y.optOuts(),
                y.firstResponseP50Seconds(), r.failedByCode(), r.suppressedByReason());
    }

    public ReportViews.HourlyRow hourly(ReportRow r) {
        RollupTotals t = r.totals();
        return new ReportViews.HourlyRow(r.hour(), t.sent(), t.delivered(), t.read(), t.failed());
    }

    public ReportViews.CampaignDetail detail(CampaignReport c) {
        return new ReportViews.CampaignDetail(campaign(c.total()), c.daily().stream().map(this::daily).toList(),
                c.hourly().stream().map(this::hourly).toList());
    }

    public ReportViews.SenderDayRow sender(ReportRow r) {
        RollupTotals t = r.totals();
        ReplyTotals y = r.replies();
        return new ReportViews.SenderDayRow(r.senderId(), r.day(), t.sent(), t.delivered(), t.read(), t.failed(), y.replied(),
                r.replyRate(), y.optOuts(), y.firstResponseP50Seconds(), r.failedByCode());
    }

    public ReportViews.TemplateDayRow template(ReportRow r) {
        RollupTotals t = r.totals();
        ReplyTotals y = r.replies();
        return new ReportViews.TemplateDayRow(r.templateName(), r.templateLanguage(), r.day(), t.sent(), t.delivered(), t.read(),
                t.failed(), y.replied(), r.replyRate(), y.optOuts(), y.firstResponseP50Seconds(), r.failedByCode());
    }

    public ReportViews.ProjectDayRow project(ReportRow r) {
        RollupTotals t = r.totals();
        ReplyTotals y = r.replies();
        return new ReportViews.ProjectDayRow(r.project(), r.day(), t.sent(), t.delivered(), t.read(), t.failed(), y.replied(),
                r.replyRate(), y.optOuts(), y.firstResponseP50Seconds(), r.failedByCode());
    }

    public ReportViews.Overview overview(java.time.LocalDate day, ReportRow r) {
        RollupTotals t = r.totals();
        return new ReportViews.Overview(day, t.submitted(), t.sent(), t.delivered(), t.read(), t.failed(), t.suppressed());
    }

    /**
     * A view record as one CSV row in its JSON property order: maps as {@code key=n;key=n}, nulls as empty cells,
     * everything else as its JSON text would show it.
     */
    public List<Object> csvRow(Record view, List<String> columns) {
        List<Object> out = new ArrayList<>(columns.size());
        for (String column : columns) {
            Object v;
            try {
                v = view.getClass().getMethod(column).invoke(view);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("no column " + column + " in " + view.getClass().getSimpleName(), e);
            }
            if (v instanceof Double d) {
                v = java.math.BigDecimal.valueOf(d).toPlainString(); // 0.0001, not 1.0E-4
            } else if (v instanceof Map<?, ?> m) {
                v = m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
            }
            out.add(v == null ? "" : v.toString());
        }
        return out;
    }
}
