package dev.safesend.ingest.domain;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** What a caller asks to send, before validation. Exactly one of {@code text} and {@code template} is set. */
public record MessageRequest(String recipient, String project, Category category, String text, TemplateRef template,
                             String campaignId, Instant sendAfter, Instant expiresAt, String clientReference,
                             Map<String, String> metadata) {

    public MessageRequest {
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(metadata));
    }

    public MessageRequest withRecipient(String normalised) {
        return new MessageRequest(normalised, project, category, text, template, campaignId, sendAfter, expiresAt,
                clientReference, metadata);
    }

    public MessageRequest withText(String newText) {
        return new MessageRequest(recipient, project, category, newText, template, campaignId, sendAfter, expiresAt,
                clientReference, metadata);
    }

    public MessageRequest withTemplate(TemplateRef newTemplate) {
        return new MessageRequest(recipient, project, category, text, newTemplate, campaignId, sendAfter, expiresAt,
                clientReference, metadata);
    }
}
