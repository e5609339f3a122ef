package dev.safesend.simulator.domain;

/**
 * Meta's messaging limit tiers (unique users per moving 24 h outside the customer-service window,
 * reference §2.4), lowest first, as {@code max_daily_conversations_per_business} and
 * {@code current_limit} name them.
 */
public enum MessagingLimit {
    TIER_250,
    TIER_2K,
    TIER_10K,
    TIER_100K,
    TIER_UNLIMITED;

    public boolean isHigherThan(MessagingLimit other) {
        return compareTo(other) > 0;
    }
}
