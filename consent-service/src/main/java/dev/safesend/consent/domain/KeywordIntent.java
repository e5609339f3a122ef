package dev.safesend.consent.domain;

/** What a keyword asks for. */
public enum KeywordIntent {
    OPT_OUT, OPT_IN
}
