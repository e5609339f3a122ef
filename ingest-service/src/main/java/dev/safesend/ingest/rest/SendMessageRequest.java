package dev.safesend.ingest.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Body of {@code POST /v1/messages}: give {@code template} or {@code text}, not both. */
public record SendMessageRequest(String recipient, String project, String category, Template template, Text text,
                                 String campaignId, Instant sendAfter, Instant expiresAt, String clientReference,
                                 Map<String, String> metadata) {

    public record Template(String name, String language, List<String> bodyParameters, String headerText,
                           List<Button> buttons) {
    }

    public record Button(int index, String subType, String value) {
    }

    public record Text(String body) {
    }
}
