package dev.safesend.consent.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A person the business may message. {@code phone} is the contact key (the E.164 phone or BSUID it was first known by),
 * the identity across projects; {@code identity} what Meta told of the person (current phone, BSUID, username);
 * {@code project} is the one that created it. Tags and free attributes (persona, grade, subject …) feed segments.
 */
public record Contact(String phone, String waId, String name, String language, String region, String project,
                      List<String> tags, Map<String, String> attributes, Instant createdAt, Instant updatedAt,
                      Instant lastInboundAt, Instant lastContactedAt, long version, Identity.Known identity) {

    public Contact {
        identity = identity == null ? Identity.Known.NONE : identity;
        tags = tags == null ? List.of() : List.copyOf(tags);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
