package dev.safesend.ingest.domain.project;

import java.time.Instant;

/**
 * A project's messages in the current UTC day and month against its quotas.
 *
 * @param source where the counts come from: {@code redis} (the limiter's counters) or {@code postgresql} (the
 *               accepted messages, while Redis is down or has lost them)
 */
public record Usage(String project, Period day, Period month, String source) {

    /** @param limit null: unlimited */
    public record Period(String period, long used, Long limit, Instant resetsAt) {
        public Long remaining() {
            return limit == null ? null : Math.max(0, limit - used);
        }
    }
}
