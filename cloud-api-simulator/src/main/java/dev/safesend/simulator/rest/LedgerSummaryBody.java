package dev.safesend.simulator.rest;

import dev.safesend.simulator.domain.SendLedger;
import dev.safesend.simulator.service.LedgerService;
import dev.safesend.simulator.webhook.WebhookCounters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /sim/ledger}: totals, duplicates by callback data, errors by code and webhook counters. */
public record LedgerSummaryBody(long total, Map<String, Long> byPhoneNumberId, List<Duplicate> duplicates,
                                long duplicateCount, Map<String, Long> errorsByCode, Webhooks webhooks) {

    public record Duplicate(String callbackData, int count) {
    }

    /** In updates (statuses, inbound messages, account events); {@code posts}/{@code retries} in HTTP requests. */
    public record Webhooks(long delivered, long failed, long pending, long posts, long retries) {
    }

    static LedgerSummaryBody of(LedgerService.LedgerView view) {
        SendLedger.Summary summary = view.summary();
        Map<String, Long> errors = new LinkedHashMap<>();
        summary.errorsByCode().forEach((code, count) -> errors.put(Integer.toString(code), count));
        WebhookCounters counters = view.webhooks();
        return new LedgerSummaryBody(summary.total(), summary.byPhoneNumberId(),
                summary.duplicates().stream().map(d -> new Duplicate(d.callbackData(), d.count())).toList(),
                summary.duplicateCount(), errors,
                new Webhooks(counters.delivered(), counters.failed(), counters.pending(), counters.posts(),
                        counters.retries()));
    }
}
