package dev.safesend.ingest.domain;

import dev.safesend.servicekit.identity.Bsuid;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks a send request passes on its own, before its template is looked up: recipient, project, category,
 * exactly one content, Meta's text and parameter limits (Meta's Cloud API documentation), header media shape,
 * button parameters, sizes of the free fields, and times. Template-dependent checks are {@link TemplateRules}.
 */
public final class MessageRequestRules {

    public static final int MAX_TEXT_LENGTH = 4096;
    public static final int MAX_HEADER_TEXT_LENGTH = 60;
    public static final int MAX_BODY_PARAMETER_LENGTH = 1024;
    public static final int MAX_PROJECT_LENGTH = 128;
    public static final int MAX_CAMPAIGN_ID_LENGTH = 128;
    public static final int MAX_CLIENT_REFERENCE_LENGTH = 256;
    public static final int MAX_METADATA_ENTRIES = 32;
    public static final int MAX_METADATA_KEY_LENGTH = 64;
    public static final int MAX_METADATA_VALUE_LENGTH = 512;
    public static final int MAX_BUTTON_VALUE_LENGTH = 256;
    public static final int MAX_TEMPLATE_NAME_LENGTH = 512;
    public static final Set<String> MEDIA_TYPES = Set.of("IMAGE", "VIDEO", "DOCUMENT");
    public static final Set<String> BUTTON_SUB_TYPES = Set.of("quick_reply", "url");

    /** Meta refuses text parameters with new lines, tabs or more than four consecutive spaces (132012 / 131008). */
    private static final Pattern BAD_PARAMETER_TEXT = Pattern.compile("[\\n\\r\\t]| {5,}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Za-z]{2,4})?");

    private MessageRequestRules() {
    }

    /** Every broken rule, in field order; empty when the request may go on to its template checks. */
    public static List<Violation> check(MessageRequest request, Instant now) {
        List<Violation> violations = new ArrayList<>();
        if (request.recipient() == null || request.recipient().isBlank()) {
            violations.add(new Violation("recipient", "required",
                    "recipient is required: an E.164 phone (+263771234567) or the user's BSUID (ZW.1234567890)"));
        } else if (Recipients.normalise(request.recipient()).isEmpty()) {
            violations.add(new Violation("recipient", "invalid_recipient", "'" + abbreviate(request.recipient())
                    + "' is neither a valid phone number in E.164 form (+ and country code) nor a BSUID (region, dot, letters and digits)"));
        } else if (request.category() == Category.AUTHENTICATION && Bsuid.isBsuid(request.recipient().strip())) {
            violations.add(new Violation("recipient", "bsuid_not_supported",
                    "Meta refuses authentication templates to a BSUID (131062): send them to the user's phone"));
        }
        if (request.project() == null || request.project().isBlank()) {
            violations.add(new Violation("project", "required", "project is required"));
        } else if (request.project().length() > MAX_PROJECT_LENGTH) {
            violations.add(tooLong("project", MAX_PROJECT_LENGTH));
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
        if (request.category() == Category.AUTHENTICATION && hasText && !hasTemplate) {
            violations.add(new Violation("text", "authentication_template_required",
                    "an AUTHENTICATION message must use an approved authentication template, not free-form text"));
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
            checkTemplateShape(request.template(), violations);
        }
        checkFreeFields(request, violations);
        if (request.expiresAt() != null && request.sendAfter() != null && !request.expiresAt().isAfter(request.sendAfter())) {
            violations.add(new Violation("expiresAt", "before_send_after", "expiresAt must be after sendAfter"));
        } else if (request.expiresAt() != null && now != null && !request.expiresAt().isAfter(now)) {
            violations.add(new Violation("expiresAt", "in_the_past", "expiresAt has already passed: the message would never be sent"));
        }
        return violations;
    }

    private static void checkTemplateShape(TemplateRef t, List<Violation> violations) {
        if (t.name() == null || t.name().isBlank()) {
            violations.add(new Violation("template.name", "required", "template name is required"));
        } else if (t.name().length() > MAX_TEMPLATE_NAME_LENGTH) {
            violations.add(tooLong("template.name", MAX_TEMPLATE_NAME_LENGTH));
        }
        if (t.language() == null || t.language().isBlank()) {
            violations.add(new Violation("template.language", "required", "template language is required, e.g. en_US"));
        } else if (!LANGUAGE.matcher(t.language()).matches()) {
            violations.add(new Violation("template.language", "invalid_language", "'" + abbreviate(t.language())
                    + "' is not a Meta language code such as en_US or pt_BR"));
        }
        if (!t.bodyParameters().isEmpty() && !t.namedParameters().isEmpty()) {
            violations.add(new Violation("template.namedParameters", "parameters_exclusive",
                    "give bodyParameters (positional) or namedParameters (named), not both"));
        }
        for (int i = 0; i < t.bodyParameters().size(); i++) {
            checkParameter("template.bodyParameters[" + i + "]", t.bodyParameters().get(i), MAX_BODY_PARAMETER_LENGTH, violations);
        }
        for (Map.Entry<String, String> named : t.namedParameters().entrySet()) {
            checkParameter("template.namedParameters." + named.getKey(), named.getValue(), MAX_BODY_PARAMETER_LENGTH, violations);
        }
        if (t.headerText() != null) {
            checkParameter("template.headerText", t.headerText(), MAX_HEADER_TEXT_LENGTH, violations);
        }
        if (t.headerText() != null && t.headerMedia() != null) {
            violations.add(new Violation("template.headerMedia", "header_exclusive", "a header is text or media, not both"));
        }
        if (t.headerMedia() != null) {
            checkMedia(t.headerMedia(), violations);
        }
        Set<Integer> indexes = new HashSet<>();
        for (int i = 0; i < t.buttons().size(); i++) {
            TemplateRef.ButtonParameter b = t.buttons().get(i);
            String field = "template.buttons[" + i + "]";
            if (b == null) {
                violations.add(new Violation(field, "required", "a button parameter must not be null"));
                continue;
            }
            if (b.index() == null || b.index() < 0 || b.index() > 9) {
                violations.add(new Violation(field + ".index", "invalid_button_index", "button index must be 0 to 9"));
            } else if (!indexes.add(b.index())) {
                violations.add(new Violation(field + ".index", "duplicate_button_index", "button " + b.index() + " is given twice"));
            }
            if (b.subType() == null || !BUTTON_SUB_TYPES.contains(b.subType().toLowerCase(Locale.ROOT))) {
                violations.add(new Violation(field + ".subType", "invalid_button_type", "button subType must be quick_reply or url"));
            }
            if (b.value() == null || b.value().isBlank()) {
                violations.add(new Violation(field + ".value", "required", "a button needs its payload or URL suffix"));
            } else if (b.value().length() > MAX_BUTTON_VALUE_LENGTH) {
                violations.add(tooLong(field + ".value", MAX_BUTTON_VALUE_LENGTH));
            }
        }
    }

    private static void checkMedia(HeaderMedia media, List<Violation> violations) {
        if (media.type() == null || !MEDIA_TYPES.contains(media.type().toUpperCase(Locale.ROOT))) {
            violations.add(new Violation("template.headerMedia.type", "invalid_media_type",
                    "header media type must be IMAGE, VIDEO or DOCUMENT"));
        }
        boolean hasLink = media.link() != null && !media.link().isBlank();
        boolean hasId = media.id() != null && !media.id().isBlank();
        if (hasLink == hasId) {
            violations.add(new Violation("template.headerMedia", "media_source_exclusive",
                    "header media needs exactly one of link (public URL) and id (uploaded media id)"));
        }
        if (hasLink && !isHttpUrl(media.link())) {
            violations.add(new Violation("template.headerMedia.link", "invalid_link", "header media link must be an http(s) URL"));
        }
    }

    private static void checkFreeFields(MessageRequest request, List<Violation> violations) {
        if (request.campaignId() != null && request.campaignId().length() > MAX_CAMPAIGN_ID_LENGTH) {
            violations.add(tooLong("campaignId", MAX_CAMPAIGN_ID_LENGTH));
        }
        if (request.clientReference() != null && request.clientReference().length() > MAX_CLIENT_REFERENCE_LENGTH) {
            violations.add(tooLong("clientReference", MAX_CLIENT_REFERENCE_LENGTH));
        }
        if (request.metadata().size() > MAX_METADATA_ENTRIES) {
            violations.add(new Violation("metadata", "too_many_entries", "metadata allows at most " + MAX_METADATA_ENTRIES + " entries"));
        }
        for (Map.Entry<String, String> e : request.metadata().entrySet()) {
            if (e.getKey().isBlank() || e.getKey().length() > MAX_METADATA_KEY_LENGTH) {
                violations.add(new Violation("metadata", "invalid_key", "metadata keys must be 1 to " + MAX_METADATA_KEY_LENGTH + " characters"));
                break;
            }
            if (e.getValue() == null || e.getValue().length() > MAX_METADATA_VALUE_LENGTH) {
                violations.add(new Violation("metadata." + abbreviate(e.getKey()), "invalid_value",
                        "metadata values must be present and at most " + MAX_METADATA_VALUE_LENGTH + " characters"));
                break;
            }
        }
    }

    private static void checkParameter(String field, String value, int max, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, "required", "a parameter must not be empty"));
        } else if (value.length() > max) {
            violations.add(tooLong(field, max));
        } else if (BAD_PARAMETER_TEXT.matcher(value).find()) {
            violations.add(new Violation(field, "invalid_parameter_text",
                    "Meta refuses parameters with new lines, tabs or more than 4 consecutive spaces"));
        }
    }

    static boolean isHttpUrl(String link) {
        try {
            URI uri = URI.create(link.strip());
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Violation tooLong(String field, int max) {
        return new Violation(field, "too_long", field + " allows at most " + max + " characters");
    }

    static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
