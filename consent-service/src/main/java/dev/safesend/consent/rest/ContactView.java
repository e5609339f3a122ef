package dev.safesend.consent.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A contact and its current consent per project and category. */
public record ContactView(String phone, String waId, String name, String language, String region, String project,
                          List<String> tags, Map<String, String> attributes, Instant createdAt, Instant updatedAt,
                          Instant lastInboundAt, Instant lastContactedAt, long version,
                          Map<String, Map<String, String>> consent) {
}
