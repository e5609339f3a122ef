package dev.safesend.healthmonitor.domain;

import java.time.Instant;
import java.util.Map;

/**
 * One of Meta's account-level webhooks as ingest normalised it (wa.account-events.v1).
 *
 * @param kind  TEMPLATE_STATUS, TEMPLATE_QUALITY, PHONE_QUALITY, ACCOUNT_UPDATE, USER_PREFERENCES or OTHER
 * @param field Meta's webhook field (e.g. business_capability_update for OTHER)
 */
public record AccountSignal(String eventId, String kind, String field, String wabaId, String senderId, String event,
                            String templateName, String templateLanguage, String newQuality,
                            Map<String, String> attributes, Instant at) {

    public AccountSignal {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public String attribute(String name) {
        return attributes.get(name);
    }
}
