package dev.safesend.ingest.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a template message against the template as Meta approved it: it exists in that language, is
 * APPROVED, fits the message's category (AUTHENTICATION only with an authentication template), gets exactly its
 * parameters (count, names, header text or media of the right type, button parameters for buttons it has), and
 * the rendered body stays within Meta's limits (1,024 characters, 32,768 when the body is the only component).
 */
public final class TemplateRules {

    public static final int MAX_RENDERED_BODY = 1024;
    public static final int MAX_RENDERED_BODY_ALONE = 32768;

    private TemplateRules() {
    }

    /**
     * @param template          the registry's template for the request's name and language, or null
     * @param languagesOfName   the languages the registry knows for the request's template name (to tell a missing
     *                          language from a missing template)
     */
    public static List<Violation> check(MessageRequest request, Template template, Set<String> languagesOfName) {
        TemplateRef ref = request.template();
        List<Violation> violations = new ArrayList<>();
        if (template == null) {
            if (languagesOfName.isEmpty()) {
                violations.add(new Violation("template.name", "template_not_found",
                        "no template named '" + MessageRequestRules.abbreviate(ref.name()) + "' in the registry"));
            } else {
                violations.add(new Violation("template.language", "template_language_not_found",
                        "template '" + ref.name() + "' has no '" + MessageRequestRules.abbreviate(ref.language())
                                + "' version; it exists in " + new java.util.TreeSet<>(languagesOfName)));
            }
            return violations;
        }
        if (!template.approved()) {
            violations.add(new Violation("template.name", "template_not_approved",
                    "template '" + template.name() + "' (" + template.language() + ") is " + template.status()
                            + "; only APPROVED templates can be sent"));
        }
        String templateCategory = template.category() == null ? "" : template.category().toUpperCase(Locale.ROOT);
        if (request.category() == Category.AUTHENTICATION && !templateCategory.equals("AUTHENTICATION")) {
            violations.add(new Violation("template.name", "authentication_template_required",
                    "an AUTHENTICATION message must use an authentication template; '" + template.name() + "' is " + templateCategory));
        } else if (request.category() != null && !templateCategory.equals(request.category().name())) {
            violations.add(new Violation("category", "category_mismatch",
                    "template '" + template.name() + "' is " + templateCategory + " but the message is " + request.category()));
        }
        Map<String, String> values = checkBody(ref, template, violations);
        checkHeader(ref, template, violations);
        checkButtons(ref, template, violations);
        if (values != null) {
            int max = template.hasOtherComponentsThanBody() ? MAX_RENDERED_BODY : MAX_RENDERED_BODY_ALONE;
            int length = template.renderBody(values).length();
            if (length > max) {
                violations.add(new Violation("template.bodyParameters", "body_too_long",
                        "the rendered body has " + length + " characters; Meta allows " + max + " for this template"));
            }
        }
        return violations;
    }

    /** The body values by placeholder name when the parameters fit the template, else null (violations added). */
    private static Map<String, String> checkBody(TemplateRef ref, Template template, List<Violation> violations) {
        List<String> placeholders = template.bodyPlaceholders();
        Map<String, String> values = new HashMap<>();
        if (template.parameterFormat() == Template.ParameterFormat.NAMED) {
            if (!ref.bodyParameters().isEmpty()) {
                violations.add(new Violation("template.bodyParameters", "parameter_count_mismatch",
                        "template '" + template.name() + "' takes named parameters " + placeholders + "; give namedParameters"));
                return null;
            }
            boolean ok = true;
            for (String name : placeholders) {
                if (!ref.namedParameters().containsKey(name)) {
                    violations.add(new Violation("template.namedParameters." + name, "parameter_missing",
                            "template '" + template.name() + "' needs the parameter '" + name + "'"));
                    ok = false;
                }
            }
            for (String given : ref.namedParameters().keySet()) {
                if (!placeholders.contains(given)) {
                    violations.add(new Violation("template.namedParameters." + MessageRequestRules.abbreviate(given), "parameter_unknown",
                            "template '" + template.name() + "' has no parameter '" + MessageRequestRules.abbreviate(given) + "'"));
                    ok = false;
                }
            }
            values.putAll(ref.namedParameters());
            return ok ? values : null;
        }
        if (!ref.namedParameters().isEmpty()) {
            violations.add(new Violation("template.namedParameters", "parameter_count_mismatch",
                    "template '" + template.name() + "' takes " + placeholders.size() + " positional parameter(s); give bodyParameters"));
            return null;
        }
        if (ref.bodyParameters().size() != placeholders.size()) {
            violations.add(new Violation("template.bodyParameters", "parameter_count_mismatch",
                    "template '" + template.name() + "' takes " + placeholders.size() + " body parameter(s); "
                            + ref.bodyParameters().size() + " given"));
            return null;
        }
        for (int i = 0; i < placeholders.size(); i++) {
            values.put(placeholders.get(i), ref.bodyParameters().get(i));
        }
        return values;
    }

    private static void checkHeader(TemplateRef ref, Template template, List<Violation> violations) {
        String mediaType = template.headerMediaType();
        if (mediaType != null) {
            if (ref.headerMedia() == null) {
                violations.add(new Violation("template.headerMedia", "header_media_required",
                        "template '" + template.name() + "' has a " + mediaType + " header; give headerMedia with a link or id"));
            } else if (ref.headerMedia().type() != null && !mediaType.equalsIgnoreCase(ref.headerMedia().type())) {
                violations.add(new Violation("template.headerMedia.type", "header_media_type_mismatch",
                        "template '" + template.name() + "' has a " + mediaType + " header, not " + ref.headerMedia().type()));
            }
        } else if (ref.headerMedia() != null) {
            violations.add(new Violation("template.headerMedia", "header_media_unexpected",
                    "template '" + template.name() + "' has no media header"));
        }
        if (template.headerTakesText() && ref.headerText() == null) {
            violations.add(new Violation("template.headerText", "header_parameter_required",
                    "template '" + template.name() + "' has a header parameter; give headerText"));
        } else if (!template.headerTakesText() && ref.headerText() != null) {
            violations.add(new Violation("template.headerText", "header_parameter_unexpected",
                    "template '" + template.name() + "' has no header parameter"));
        }
    }

    private static void checkButtons(TemplateRef ref, Template template, List<Violation> violations) {
        for (int i = 0; i < ref.buttons().size(); i++) {
            TemplateRef.ButtonParameter b = ref.buttons().get(i);
            if (b == null || b.index() == null || b.subType() == null) {
                continue; // shape rules already reported it
            }
            String field = "template.buttons[" + i + "]";
            if (b.index() >= template.buttons().size()) {
                violations.add(new Violation(field + ".index", "button_not_found",
                        "template '" + template.name() + "' has " + template.buttons().size() + " button(s); there is no index " + b.index()));
                continue;
            }
            Template.Button button = template.buttons().get(b.index());
            String expected = "url".equalsIgnoreCase(b.subType()) ? "URL" : "QUICK_REPLY";
            if (!expected.equalsIgnoreCase(button.type())) {
                violations.add(new Violation(field + ".subType", "button_type_mismatch",
                        "button " + b.index() + " of '" + template.name() + "' is " + button.type() + ", not " + b.subType()));
            } else if ("URL".equals(expected) && (button.url() == null || !button.url().contains("{{"))) {
                violations.add(new Violation(field, "button_parameter_unexpected",
                        "button " + b.index() + " of '" + template.name() + "' has a fixed URL and takes no parameter"));
            }
        }
    }
}
