package dev.safesend.consent.domain;

import java.time.Instant;

/** A stored segment. */
public record Segment(String id, SegmentDefinition definition, Instant createdAt) {
}
