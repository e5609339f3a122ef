package dev.safesend.ingest.domain;

import java.util.HashMap;
import java.util.Map;

/**
 * Where a projection read from the beginning of a topic must get to before it reflects the topic as it was when
 * the reader started: per partition, the end offset seen then (the offset the next record would get). A partition
 * that was empty (end at its beginning) needs nothing; a topic that did not exist needs nothing at all.
 */
public record CatchUp(Map<Integer, Long> beginningOffsets, Map<Integer, Long> endOffsets) {

    public CatchUp {
        beginningOffsets = Map.copyOf(beginningOffsets);
        endOffsets = Map.copyOf(endOffsets);
    }

    /** The partitions holding records at start, with their end offsets; empty partitions are left out. */
    public static CatchUp of(Map<Integer, Long> beginningOffsets, Map<Integer, Long> endOffsets) {
        Map<Integer, Long> beginnings = new HashMap<>();
        Map<Integer, Long> ends = new HashMap<>();
        endOffsets.forEach((partition, end) -> {
            long beginning = beginningOffsets.getOrDefault(partition, 0L);
            if (end > beginning) {
                beginnings.put(partition, beginning);
                ends.put(partition, end);
            }
        });
        return new CatchUp(beginnings, ends);
    }

    /** Nothing to read: every partition was empty, or the topic did not exist yet. */
    public static CatchUp nothingToRead() {
        return new CatchUp(Map.of(), Map.of());
    }

    /** True once every partition has been read up to its end offset ({@code nextOffsets}: last offset read + 1). */
    public boolean reachedBy(Map<Integer, Long> nextOffsets) {
        return remaining(nextOffsets) == 0;
    }

    /** How many offsets are left to read, at most (compaction leaves gaps, so fewer records may remain). */
    public long remaining(Map<Integer, Long> nextOffsets) {
        long remaining = 0;
        for (Map.Entry<Integer, Long> e : endOffsets.entrySet()) {
            long next = Math.max(nextOffsets.getOrDefault(e.getKey(), 0L), beginningOffsets.getOrDefault(e.getKey(), 0L));
            remaining += Math.max(0, e.getValue() - next);
        }
        return remaining;
    }
}
