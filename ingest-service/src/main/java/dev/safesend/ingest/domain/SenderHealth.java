package dev.safesend.ingest.domain;

import dev.safesend.servicekit.health.PausedCategories;

import java.util.List;

/**
 * The health-monitor's current decision for a sending number (wa.sender-health.v1), and which categories it stops
 * taking. The rule is service-kit's {@link PausedCategories}, the same one dispatch's gate holds messages by:
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

    public SenderHealth {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public boolean pauses(Category category) {
        return PausedCategories.pauses(state.name(), reasons, category.name());
    }
}
