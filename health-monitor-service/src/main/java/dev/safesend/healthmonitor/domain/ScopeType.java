package dev.safesend.healthmonitor.domain;

/** What a window counts for: one number, one business portfolio (all its numbers), one template, one campaign. */
public enum ScopeType {
    SENDER, PORTFOLIO, TEMPLATE, CAMPAIGN
}
