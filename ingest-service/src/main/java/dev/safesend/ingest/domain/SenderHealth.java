package dev.safesend.ingest.domain;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The health-monitor's current decision for a sending number (wa.sender-health.v1), and the rule of which
 * categories a PAUSED number stops taking:
 * <ul>
 *   <li>HEALTHY, WARNING and THROTTLED (WARNING's older name) pause nothing (throttling is dispatch's pacing, not
 *       routing).</li>
 *   <li>CRITICAL pauses MARKETING only: a quality, opt-out or spam pause must not block OTPs and order updates.</li>
 *   <li>PAUSED pauses MARKETING too,</li>
 *   <li>unless a reason says the number cannot send at all: {@code ALL_CATEGORIES}, Meta's account-level blocks
 *       {@code META_368} (policy) and {@code META_131031} (account locked), {@code ACCOUNT_RESTRICTION},
 *       {@code ACCOUNT_DISABLED} or {@code MANUAL} (an operator's pause) pause every category;</li>
 *   <li>and a reason {@code PAUSE_<CATEGORY>} (e.g. {@code PAUSE_UTILITY}) pauses that category too.</li>
 * </ul>
 */
public record SenderHealth(String senderId, State state, List<String> reasons) {

    public enum State { HEALTHY, THROTTLED, WARNING, CRITICAL, PAUSED }

    static final Set<String> ALL_CATEGORY_REASONS = Set.of("ALL_CATEGORIES", "META_368", "META_131031",
            "ACCOUNT_RESTRICTION", "ACCOUNT_DISABLED", "MANUAL");

    public SenderHealth {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public boolean pauses(Category category) {
        if (state != State.PAUSED && state != State.CRITICAL) {
            return false;
        }
        if (category == Category.MARKETING) {
            return true;
        }
        if (state == State.CRITICAL) {
            return false;
        }
        for (String reason : reasons) {
            String r = reason == null ? "" : reason.strip().toUpperCase(Locale.ROOT);
            if (ALL_CATEGORY_REASONS.contains(r) || r.equals("PAUSE_" + category.name())) {
                return true;
            }
        }
        return false;
    }
}
