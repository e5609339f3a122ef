package dev.safesend.ingest.rest;

import java.time.Instant;
import java.util.List;

/** One template of {@code GET /v1/templates}. */
public record TemplateView(String name, String language, String category, String status, String quality,
                           int parameterCount, String parameterFormat, String headerFormat, String id, Instant updatedAt) {

    /** A page: {@code {items, nextCursor}}. */
    public record Page(List<TemplateView> items, String nextCursor) {
    }

    public record SyncResult(int pages, int templates, int removed) {
    }
}
