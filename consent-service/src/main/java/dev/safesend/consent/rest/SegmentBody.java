package dev.safesend.consent.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A segment: every given filter must hold. Ages are ISO-8601 durations ({@code P7D}); "more than" includes contacts
 * never contacted (or who never wrote). {@code id} and {@code createdAt} are set by the service.
 */
public record SegmentBody(String id, String name, String project, List<String> tagsAll, List<String> tagsAny,
                          Map<String, String> attributes, List<String> regions, List<String> languages,
                          Duration lastContactedMoreThan, Duration lastContactedWithin,
                          Duration lastInboundMoreThan, Duration lastInboundWithin, Instant createdAt) {
}
