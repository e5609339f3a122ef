package dev.safesend.ingest.rest;

import java.time.Instant;
import java.util.List;

/** A project as the API shows it. */
public record ProjectView(String id, String displayName, List<String> owners, ProjectBody.Quotas quotas, List<String> defaultPool) {

    public record Page(List<ProjectView> items, String nextCursor) {
    }

    /** A project's messages this UTC day and month against its quotas; {@code source}: redis or postgresql. */
    public record UsageView(String project, PeriodView day, PeriodView month, String source) {
    }

    /** @param limit null: unlimited */
    public record PeriodView(String period, long used, Long limit, Long remaining, Instant resetsAt) {
    }
}
