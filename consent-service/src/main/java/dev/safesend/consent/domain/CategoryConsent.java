package dev.safesend.consent.domain;

import java.time.Instant;

/** The current state of one category for one contact and project, and when the evidence that set it dates from. */
public record CategoryConsent(Category category, ConsentState state, ConsentSource source, Instant evidenceAt) {

    public static CategoryConsent unknown(Category category) {
        return new CategoryConsent(category, ConsentState.UNKNOWN, null, null);
    }
}
