package dev.safesend.dispatch.domain;

import java.time.Instant;
import java.util.List;

/** A message on a sender's lane, as dispatch sees it. Exactly one of {@code text} and {@code template} is set. */
public record OutboundSend(String messageId, String project, String senderId, String recipient, String category,
                           String campaignId, String text, boolean previewUrl, Template template, Instant notBefore,
                           Instant expiresAt) {

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

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
