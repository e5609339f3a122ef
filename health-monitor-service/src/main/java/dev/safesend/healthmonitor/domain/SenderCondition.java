package dev.safesend.healthmonitor.domain;

import java.time.Instant;
import java.util.List;

/**
 * A number's current decision and the memory the rules need to move it on.
 *
 * @param factor      the throttle factor in force (0 while marketing is held)
 * @param until       the earliest time the next recovery step can come (null: none pending)
 * @param clearSince  since when the causes of the current restriction have stayed clear (null: not clear)
 * @param holdUntil   a restriction's minimum length (e.g. 2 h after the opt-out rate was last over the pause line)
 * @param changedAt   when state, factor or reasons last changed
 */
public record SenderCondition(HealthState state, double factor, List<String> reasons, Instant until,
                              Instant clearSince, Instant holdUntil, Instant changedAt) {

    public SenderCondition {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public static SenderCondition healthy(Instant at) {
        return new SenderCondition(HealthState.HEALTHY, 1.0, List.of(), null, null, null, at);
    }

    /** True when what dispatch must apply differs (state, factor or reasons). */
    public boolean decisionDiffers(SenderCondition other) {
        return state != other.state || Math.abs(factor - other.factor) > 1e-9 || !reasons.equals(other.reasons);
    }
}
