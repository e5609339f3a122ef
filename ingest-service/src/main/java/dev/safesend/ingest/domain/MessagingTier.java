package dev.safesend.ingest.domain;

/**
 * Meta's messaging limit in one vocabulary, the one wa.sender-health.v1 uses: TIER_250, TIER_2K, TIER_10K, TIER_100K,
 * TIER_UNLIMITED. Meta's business_capability_update reference lists these names for
 * {@code max_daily_conversations_per_business} but shows an integer in its example (2000), and its legacy
 * {@code max_daily_conversation_per_phone} is an integer (-1 = unlimited): integers are named here. Any other value
 * (TIER_1K and TIER_50 of the per-number era, TIER_NOT_SET) is kept as Meta wrote it.
 */
public final class MessagingTier {

    private MessagingTier() {
    }

    /** The tier name of {@code raw}; null for null. */
    public static String of(String raw) {
        if (raw == null) {
            return null;
        }
        return switch (raw.strip()) {
            case "250" -> "TIER_250";
            case "2000" -> "TIER_2K";
            case "10000" -> "TIER_10K";
            case "100000" -> "TIER_100K";
            case "-1" -> "TIER_UNLIMITED";
            default -> raw.strip();
        };
    }
}
