package dev.safesend.dispatch.rest;

import java.util.List;
import java.util.Map;

/**
 * A page of a sender's deferred messages ({@code {items, nextCursor}}, nextCursor null on the last page), with the
 * sender's whole deferral store counted: {@code total} and {@code countsByReason} ignore the page and the reason filter.
 */
public record DeferredPage(List<DeferredMessageBody> items, String nextCursor, long total, Map<String, Long> countsByReason) {
}
