package dev.safesend.ingest.domain;

import java.time.Instant;
import java.util.Map;

/** What a caller asks to send, before validation. Exactly one of {@code text} and {@code template} is set. */
public record MessageRequest(String recipient, String project, Category category, String text, TemplateRef template,
                             String campaignId, Instant sendAfter, Instant expiresAt, String clientReference,
                             Map<String, String> metadata) {

    public MessageRequest {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public MessageRequest withRecipient(String normalised) {
        return new MessageRequest(normalised, project, category, text, template, campaignId, sendAfter, expiresAt,
                clientReference, metadata);
    }
}
