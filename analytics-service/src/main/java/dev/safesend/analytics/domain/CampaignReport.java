package dev.safesend.analytics.domain;

import java.util.List;

/** A campaign's report: its totals over all time, its days and its last 48 hours. */
public record CampaignReport(ReportRow total, List<ReportRow> daily, List<ReportRow> hourly) {
}
