package dev.safesend.dispatch.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the gate's per-person marketing rules would do to the recipients asked, at {@code at}.
 *
 * @param suppressed          by reason (IDENTICAL_CONTENT_WITHIN_30_DAYS), zero included
 * @param deferred            by reason (MARKETING_FREQUENCY_CAP), zero included
 * @param latestDeferredUntil the latest instant a deferred recipient becomes sendable again, null when none is deferred
 * @param items               only the recipients the rules stop, with their index in the request
 */
public record MarketingHistoryBody(Instant at, int evaluated, Map<String, Long> suppressed, Map<String, Long> deferred,
                                   Instant latestDeferredUntil, List<Item> items) {

    /** @param until when a DEFERRED recipient becomes sendable, null for SUPPRESSED */
    public record Item(int index, String recipient, String outcome, String reason, Instant until) {
    }
}
