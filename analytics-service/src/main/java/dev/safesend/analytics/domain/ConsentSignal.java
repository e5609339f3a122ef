package dev.safesend.analytics.domain;

import java.time.Instant;
import java.util.List;

/**
 * A consent record as attribution reads it: the contact key, every address linked to it, and whether it opted the
 * contact out of a category of {@code project} ({@code at} is when).
 */
public record ConsentSignal(String eventId, String contactKey, String project, List<String> addresses, boolean optedOut, Instant at) {
}
