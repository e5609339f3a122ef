package dev.safesend.healthmonitor.domain;

/**
 * The health score, 0–100, of a number over the last 24 h (docs/health.md explains it):
 * <pre>
 *   API health          40 × (1 − error / 10%)                  every refused call costs; 10% refused = 0
 *   delivery            30 × (delivery − 70%) / 25%             95% delivered or more = 30; 70% or less = 0
 *   recipient behaviour 15 × (1 − opt-out / 0.2%)               opt-outs and complaints per delivered
 *                     + 10 × (1 − block / 1%)                   131026 per sent, the block proxy
 *                     +  5 × read / 50%                         half read or more = 5
 *   then × quality: GREEN or unknown 1.0, YELLOW 0.8, RED or FLAGGED 0.5
 *   and − 10 when the portfolio has used 90% or more of its messaging tier's 24 h budget
 * </pre>
 * Each term is clamped to [0, its weight]. With too few messages to judge (fewer than {@code minSample} sent) the
 * rate terms count as full: no evidence is not bad evidence.
 */
public final class HealthScore {

    private HealthScore() {
    }

    public static double of(Rates r, String quality, boolean budgetNearlyUsed, long minSample) {
        boolean judged = r.sent() >= minSample;
        double api = 40 * clamp(1 - r.error() / 0.10);
        double delivery = judged ? 30 * clamp((r.delivery() - 0.70) / 0.25) : 30;
        double behaviour = judged
                ? 15 * clamp(1 - r.optOut() / 0.002) + 10 * clamp(1 - r.block() / 0.01) + 5 * clamp(r.read() / 0.5)
                : 30;
        double score = (api + delivery + behaviour) * qualityFactor(quality) - (budgetNearlyUsed ? 10 : 0);
        return Math.round(Math.max(0, Math.min(100, score)) * 10) / 10.0;
    }

    static double qualityFactor(String quality) {
        if (quality == null) {
            return 1.0;
        }
        return switch (quality) {
            case "YELLOW" -> 0.8;
            case "RED", "FLAGGED" -> 0.5;
            default -> 1.0;
        };
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
