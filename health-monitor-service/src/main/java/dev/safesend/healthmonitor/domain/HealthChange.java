package dev.safesend.healthmonitor.domain;

import java.time.Instant;
import java.util.List;

/**
 * One change of a sender's health decision: what alerts, history and the published record are made from.
 *
 * @param actor who made it: {@code policy} for the rules, or the operator's name for a manual pause or resume
 * @param why   a short human sentence (e.g. "opt-out rate 0.14% of 4,210 delivered in 24 h over 0.10%")
 */
public record HealthChange(String senderId, String portfolioId, String displayNumber, HealthState from, HealthState to,
                           double throttleFactor, double score, List<String> reasons, Instant until, Instant at,
                           String actor, String why) {

    public HealthChange {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** True when the number got worse (an alert that fires) rather than better (one that resolves). */
    public boolean worsened() {
        return to.ordinal() > from.ordinal();
    }
}
