package dev.safesend.healthmonitor.domain;

/**
 * A sending number's health as health-monitor decides it.
 * <ul>
 *   <li>HEALTHY: full rate.</li>
 *   <li>WARNING: everything sends, at the configured rate × throttle (0.7 when a warning threshold is crossed; 0.5 and
 *       0.7 on the way back from CRITICAL).</li>
 *   <li>CRITICAL: marketing held; utility and authentication continue.</li>
 *   <li>PAUSED: an operator's pause or a policy that stops the number (Meta 368/131031, a disabled account): nothing
 *       sends.</li>
 * </ul>
 */
public enum HealthState {
    HEALTHY, WARNING, CRITICAL, PAUSED
}
