package dev.safesend.ingest.domain;

import java.util.List;

/** The result of a batch, item by item in request order: each accepted (with its receipt) or rejected (with why). */
public record BatchOutcome(List<Item> items) {

    public BatchOutcome {
        items = List.copyOf(items);
    }

    public record Item(int index, IntakeReceipt receipt, List<Violation> violations) {
        public Item {
            violations = violations == null ? List.of() : List.copyOf(violations);
        }

        public boolean accepted() {
            return receipt != null;
        }
    }

    public long acceptedCount() {
        return items.stream().filter(Item::accepted).count();
    }

    public long rejectedCount() {
        return items.size() - acceptedCount();
    }
}
