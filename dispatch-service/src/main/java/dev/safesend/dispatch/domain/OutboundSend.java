package dev.safesend.dispatch.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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
     * A digest of what the recipient would read (template, language and parameters, or the text), so the
     * gate can refuse identical marketing content to the same person within 30 days.
     */
    public String contentHash() {
        String content = template == null ? "text|" + text
                : "tpl|" + template.name() + "|" + template.language() + "|" + String.join("\u0001", template.bodyParameters())
                + "|" + template.headerText();
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
