package dev.safesend.healthmonitor.domain;

import java.time.Instant;

/** A consent change that opted someone out, through a business number (consent's source: KEYWORD, USER_PREFERENCES, META_131050). */
public record OptOut(String eventId, String senderId, String source, Instant at) {
}
