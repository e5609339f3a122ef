package dev.safesend.simulator.domain;

import java.util.Locale;

/** Template category; drives pricing in status webhooks. */
public enum TemplateCategory {
    MARKETING, UTILITY, AUTHENTICATION;

    /** The lowercase name Meta uses in {@code pricing.category} and {@code conversation.origin.type}. */
    public String pricingName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
