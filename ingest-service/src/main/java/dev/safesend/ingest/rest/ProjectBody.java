package dev.safesend.ingest.rest;

import java.util.List;

/** A project as registered or replaced: {@code POST /v1/projects}, {@code PUT /v1/projects/{id}}. */
public record ProjectBody(String id, String displayName, List<String> owners, Quotas quotas, List<String> defaultPool) {

    /** Messages per UTC day and month; left out: unlimited. */
    public record Quotas(Long messagesPerDay, Long messagesPerMonth) {
    }
}
