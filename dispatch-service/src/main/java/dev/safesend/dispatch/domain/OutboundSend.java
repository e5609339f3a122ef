package dev.safesend.dispatch.domain;

import dev.safesend.servicekit.content.ContentDigest;

import java.time.Instant;
import java.util.List;

/**
 * A message on a sender's lane, as dispatch sees it. Exactly one of {@code text} and {@code template} is set.
 * {@code priority} is a campaign's priority (1 most urgent to 4), null for a message outside a campaign.
 */
public record OutboundSend(String messageId, String project, String senderId, String recipient, String category,
                           String campaignId, Integer priority, String text, boolean previewUrl, Template template, Instant notBefore,
                           Instant expiresAt, Instant acceptedAt) {

    /** An approved template with positional parameters and button values. */
    public record Template(String name, String language, List<String> bodyParameters, String headerText,
                           List<Button> buttons) {
        public Template {
            bodyParameters = bodyParameters == null ? List.of() : List.copyOf(bodyParameters);
            buttons = buttons == null ? List.of() : List.copyOf(buttons);
        }
    }

    public record Button(int index, String subType, String value) {
    }

    /** Free-form text (only allowed inside the customer-service window). */
    public boolean freeForm() {
        return template == null;
    }

    /** The template's name; null for free-form text. */
    public String templateName() {
        return template == null ? null : template.name();
    }

    /** The template's language; null for free-form text. */
    public String templateLanguage() {
        return template == null ? null : template.language();
    }

    /**
     * A digest of what the recipient would read (template, language, parameters and header text, or the text), so the
     * gate can refuse identical marketing content to the same person within 30 days: service-kit's
     * {@link ContentDigest}, which ingest's campaign forecast computes too.
     */
    public String contentHash() {
        return template == null ? ContentDigest.text(text)
                : ContentDigest.template(template.name(), template.language(), template.bodyParameters(), template.headerText());
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
