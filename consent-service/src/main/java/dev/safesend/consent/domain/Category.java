package dev.safesend.consent.domain;

/** The business-initiated categories consent is held for (SERVICE replies need none: the user just wrote). */
public enum Category {
    MARKETING, UTILITY, AUTHENTICATION
}
