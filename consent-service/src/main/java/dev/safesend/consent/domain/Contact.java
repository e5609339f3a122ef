package dev.safesend.consent.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A person the business may message. The phone (E.164) is the identity across projects; {@code project} is the one that
 * created it. Tags and free attributes (persona, grade, subject …) feed segments.
 */
public record Contact(String phone, String waId, String name, String language, String region, String project,
                      List<String> tags, Map<String, String> attributes, Instant createdAt, Instant updatedAt,
                      Instant lastInboundAt, Instant lastContactedAt, long version) {

    public Contact {
        tags = tags == null ? List.of() : List.copyOf(tags);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
