package dev.safesend.analytics.domain;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one batch adds to the rollups: per cell, the number of messages newly reaching each step, and per cell the failed
 * messages by Meta error code and the suppressed ones by reason. Cells are kept sorted (see {@link RollupCell#compareTo}).
 */
public final class RollupIncrements {

    /** Per-reason counts: kind FAILED (reason = the Meta error code) or SUPPRESSED (reason = the suppression's reason). */
    public record ReasonKey(RollupCell cell, String kind, String reason) implements Comparable<ReasonKey> {
        @Override
        public int compareTo(ReasonKey o) {
            int c = cell.compareTo(o.cell);
            if (c == 0) c = kind.compareTo(o.kind);
            if (c == 0) c = reason.compareTo(o.reason);
            return c;
        }
    }

    /** The increments of one cell, indexed by {@link Step#ordinal()}, and the span of the events that made them. */
    public static final class Counts {
        private final long[] steps = new long[Step.values().length];
        private Instant firstAt;
        private Instant lastAt;

        public long of(Step step) {
            return steps[step.ordinal()];
        }

        public Instant firstAt() {
            return firstAt;
        }

        public Instant lastAt() {
            return lastAt;
        }
    }

    private final Map<RollupCell, Counts> cells = new TreeMap<>();
    private final Map<ReasonKey, Long> reasons = new TreeMap<>();

    /** Adds what {@code p} newly reached to its cell and returns {@code p} with it counted. */
    public MessageProgress count(MessageProgress p) {
        int bits = p.countable();
        if (bits == 0) {
            return p;
        }
        Counts c = cells.computeIfAbsent(p.cell(), k -> new Counts());
        for (Step s : Step.values()) {
            if (s.in(bits)) {
                c.steps[s.ordinal()]++;
            }
        }
        if (p.bornAt() != null && (c.firstAt == null || p.bornAt().isBefore(c.firstAt))) {
            c.firstAt = p.bornAt();
        }
        if (p.lastAt() != null && (c.lastAt == null || p.lastAt().isAfter(c.lastAt))) {
            c.lastAt = p.lastAt();
        }
        // a code or reason is only ever taken from a FAILED or SUPPRESSED event, so its bit implies the step's
        if (Step.FAILED_CODED.in(bits)) {
            reasons.merge(new ReasonKey(p.cell(), "FAILED", String.valueOf(p.failedCode())), 1L, Long::sum);
        }
        if (Step.SUPPRESSED_REASONED.in(bits)) {
            reasons.merge(new ReasonKey(p.cell(), "SUPPRESSED", p.suppressedReason()), 1L, Long::sum);
        }
        return p.allCounted();
    }

    public Map<RollupCell, Counts> cells() {
        return cells;
    }

    public Map<ReasonKey, Long> reasons() {
        return reasons;
    }

    public boolean isEmpty() {
        return cells.isEmpty();
    }
}
