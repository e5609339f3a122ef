package dev.safesend.healthmonitor.domain;

/** A portfolio's unique recipients in the last 24 h against its budget, as dispatch counts them (limit null: none known). */
public record BudgetUsage(long usedLast24h, Long limit) {
}
