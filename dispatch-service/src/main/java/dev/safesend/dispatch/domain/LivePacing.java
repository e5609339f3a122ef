package dev.safesend.dispatch.domain;

/**
 * What the pacing of one sender looks like right now on one instance (the live half of the quota view).
 *
 * @param configuredRate   messages/second in the registry
 * @param currentRate      the rate the token bucket runs at now (configured × throttle factor, lowered while backing off)
 * @param throttleFactor   health-monitor's factor (1.0 = full speed)
 * @param urgentQueued     urgent messages waiting in memory for a token
 * @param bulkQueued       bulk messages waiting in memory for a token
 * @param inFlight         Cloud API calls under way
 * @param backingOffUntil  epoch millis until which the sender backs off after 130429, or 0
 */
public record LivePacing(double configuredRate, double currentRate, double throttleFactor, int urgentQueued, int bulkQueued,
                         int inFlight, long backingOffUntil) {
}
