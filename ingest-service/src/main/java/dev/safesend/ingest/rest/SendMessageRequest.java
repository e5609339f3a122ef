package dev.safesend.ingest.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /v1/messages} (and each item of {@code POST /v1/messages:batch}): give {@code template} or
 * {@code text}, not both. A template takes {@code bodyParameters} (positional) or {@code namedParameters} (for a
 * template with named parameters), an optional {@code headerText} or {@code headerMedia}, and button parameters.
 */
public record SendMessageRequest(String recipient, String project, String category, Template template, Text text,
                                 String campaignId, Instant sendAfter, Instant expiresAt, String clientReference,
                                 Map<String, String> metadata) {

    public record Template(String name, String language, List<String> bodyParameters, Map<String, String> namedParameters,
                           String headerText, Media headerMedia, List<Button> buttons) {
    }

    /** {@code type} IMAGE, VIDEO or DOCUMENT; exactly one of {@code link} (public https URL) and {@code id} (uploaded media). */
    public record Media(String type, String link, String id) {
    }

    /** {@code subType} quick_reply (value = payload) or url (value = the URL suffix). */
    public record Button(Integer index, String subType, String value) {
    }

    public record Text(String body) {
    }
}
