package dev.safesend.analytics.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The reports' JSON (docs/analytics.md, "Reports"). Rates are null when their denominator is 0; maps are empty when
 * nothing failed with a code or was suppressed. replied and optOuts are distinct contacts credited to the row's (campaign)
 * messages, firstResponseP50Seconds their median delivered → first reply (null when nobody replied). The CSV forms have the same columns, maps written {@code code=n;code=n}.
 */
public final class ReportViews {

    private ReportViews() {
    }

    /** {@code {"items": [...]}} */
    public record Items<T>(List<T> items) {
    }

    @JsonPropertyOrder({"campaignId", "project", "submitted", "sent", "delivered", "read", "failed", "suppressed", "rejected",
            "expired", "deferred", "deliveredRate", "readRate", "replied", "replyRate", "optOuts", "firstResponseP50Seconds",
            "failedByCode", "suppressedByReason", "firstEventAt", "lastEventAt"})
    public record CampaignRow(String campaignId, String project, long submitted, long sent, long delivered, long read, long failed,
                              long suppressed, long rejected, long expired, long deferred, Double deliveredRate, Double readRate,
                              long replied, Double replyRate, long optOuts, Double firstResponseP50Seconds,
                              Map<String, Long> failedByCode, Map<String, Long> suppressedByReason, Instant firstEventAt,
                              Instant lastEventAt) {
    }

    @JsonPropertyOrder({"day", "submitted", "sent", "delivered", "read", "failed", "suppressed", "rejected", "expired", "deferred",
            "deliveredRate", "readRate", "replied", "replyRate", "optOuts", "firstResponseP50Seconds", "failedByCode",
            "suppressedByReason"})
    public record DailyRow(LocalDate day, long submitted, long sent, long delivered, long read, long failed, long suppressed,
                           long rejected, long expired, long deferred, Double deliveredRate, Double readRate, long replied,
                           Double replyRate, long optOuts, Double firstResponseP50Seconds, Map<String, Long> failedByCode, Map<String, Long> suppressedByReason) {
    }

    public record HourlyRow(Instant hour, long sent, long delivered, long read, long failed) {
    }

    /** A campaign's row with its days and its last 48 hours. */
    public record CampaignDetail(@JsonUnwrapped CampaignRow campaign, List<DailyRow> daily, List<HourlyRow> hourly) {
    }

    @JsonPropertyOrder({"senderId", "day", "sent", "delivered", "read", "failed", "replied", "replyRate", "optOuts",
            "firstResponseP50Seconds", "failedByCode"})
    public record SenderDayRow(String senderId, LocalDate day, long sent, long delivered, long read, long failed, long replied,
                               Double replyRate, long optOuts, Double firstResponseP50Seconds, Map<String, Long> failedByCode) {
    }

    @JsonPropertyOrder({"templateName", "templateLanguage", "day", "sent", "delivered", "read", "failed", "replied", "replyRate",
            "optOuts", "firstResponseP50Seconds", "failedByCode"})
    public record TemplateDayRow(String templateName, String templateLanguage, LocalDate day, long sent, long delivered, long read,
                                 long failed, long replied, Double replyRate, long optOuts, Double firstResponseP50Seconds, Map<String, Long> failedByCode) {
    }

    @JsonPropertyOrder({"project", "day", "sent", "delivered", "read", "failed", "replied", "replyRate", "optOuts",
            "firstResponseP50Seconds", "failedByCode"})
    public record ProjectDayRow(String project, LocalDate day, long sent, long delivered, long read, long failed, long replied,
                                Double replyRate, long optOuts, Double firstResponseP50Seconds, Map<String, Long> failedByCode) {
    }

    public record Overview(LocalDate day, long submitted, long sent, long delivered, long read, long failed, long suppressed) {
    }
}
