package dev.safesend.healthmonitor.domain;

import java.util.Locale;

/** Meta's portfolio messaging limits, in the names dispatch reads (wa.sender-health.v1's messagingTier). */
public final class MessagingTier {

    private MessagingTier() {
    }

    /**
     * Normalises what Meta's webhooks call a limit (current_limit, max_daily_conversations_per_business): TIER_1K
     * became 2,000 when Meta raised the second step (2025-10-07); TIER_50 is older than the 250 floor. Null when the
     * value is not a limit.
     */
    public static String normalise(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "TIER_50", "TIER_250" -> "TIER_250";
            case "TIER_1K", "TIER_2K" -> "TIER_2K";
            case "TIER_10K" -> "TIER_10K";
            case "TIER_100K" -> "TIER_100K";
            case "TIER_UNLIMITED", "UNLIMITED" -> "TIER_UNLIMITED";
            default -> null;
        };
    }

    /** The tier's unique recipients per rolling 24 h; null = unlimited or unknown. */
    public static Long limit(String tier) {
        if (tier == null) {
            return null;
        }
        return switch (tier) {
            case "TIER_250" -> 250L;
            case "TIER_2K" -> 2_000L;
            case "TIER_10K" -> 10_000L;
            case "TIER_100K" -> 100_000L;
            default -> null;
        };
    }
}
