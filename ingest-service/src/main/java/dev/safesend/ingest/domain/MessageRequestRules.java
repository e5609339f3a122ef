package dev.safesend.ingest.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks every send request passes before anything is published (the minimal set of the
 * walking skeleton: recipient, project, category, exactly one non-empty content, Meta's text limit).
 */
public final class MessageRequestRules {

    public static final int MAX_TEXT_LENGTH = 4096;

    private MessageRequestRules() {
    }

    /** Every broken rule, in field order; empty when the request may enter. */
    public static List<Violation> check(MessageRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (request.recipient() == null || request.recipient().isBlank()) {
            violations.add(new Violation("recipient", "required", "recipient is required (E.164, e.g. +263771234567)"));
        } else if (PhoneNumbers.toE164(request.recipient()).isEmpty()) {
            violations.add(new Violation("recipient", "invalid_e164",
                    "'" + request.recipient() + "' is not a valid phone number in E.164 form (+ and country code)"));
        }
        if (request.project() == null || request.project().isBlank()) {
            violations.add(new Violation("project", "required", "project is required"));
        }
        if (request.category() == null) {
            violations.add(new Violation("category", "required", "category is required: MARKETING, UTILITY, AUTHENTICATION or SERVICE"));
        }
        boolean hasText = request.text() != null;
        boolean hasTemplate = request.template() != null;
        if (hasText == hasTemplate) {
            violations.add(new Violation(hasText ? "text" : "template", "content_exclusive",
                    "give exactly one of text and template"));
        }
        if (hasText) {
            if (request.text().isBlank()) {
                violations.add(new Violation("text.body", "required", "text body must not be empty"));
            } else if (request.text().length() > MAX_TEXT_LENGTH) {
                violations.add(new Violation("text.body", "too_long",
                        "text body has " + request.text().length() + " characters; Meta allows " + MAX_TEXT_LENGTH));
            }
        }
        if (hasTemplate) {
            if (request.template().name() == null || request.template().name().isBlank()) {
                violations.add(new Violation("template.name", "required", "template name is required"));
            }
            if (request.template().language() == null || request.template().language().isBlank()) {
                violations.add(new Violation("template.language", "required", "template language is required, e.g. en_US"));
            }
            for (int i = 0; i < request.template().bodyParameters().size(); i++) {
                String p = request.template().bodyParameters().get(i);
                if (p == null || p.isBlank()) {
                    violations.add(new Violation("template.bodyParameters[" + i + "]", "required", "a body parameter must not be empty"));
                }
            }
        }
        if (request.expiresAt() != null && request.sendAfter() != null && !request.expiresAt().isAfter(request.sendAfter())) {
            violations.add(new Violation("expiresAt", "before_send_after", "expiresAt must be after sendAfter"));
        }
        return violations;
    }
}
