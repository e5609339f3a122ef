package dev.safesend.dispatch.rest;

import java.time.Instant;
import java.util.List;

/**
 * {@code POST /v1/recipients:marketing-history}'s request: up to 5,000 recipients (phone in E.164 or BSUID), each with
 * the digest of the marketing content it would receive, judged at {@code at} (absent: now).
 */
public record MarketingHistoryQueryBody(Instant at, List<Item> items) {

    public record Item(String recipient, String contentHash) {
    }
}
