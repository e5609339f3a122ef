package dev.safesend.consent.domain;

/** A contact's current consent for one category of one project. UNKNOWN means never asked: not messageable. */
public enum ConsentState {
    OPTED_IN, OPTED_OUT, UNKNOWN
}
