package dev.safesend.consent.domain;

/** One applied change of one category: a ledger entry. */
public record ConsentChange(String phone, String project, Category category, ConsentState state, Evidence evidence) {
}
