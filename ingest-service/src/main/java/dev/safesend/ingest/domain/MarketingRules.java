package dev.safesend.ingest.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rules that only marketing messages follow: links must be HTTPS (configurable), and, when the project asks for
 * it, an opt-out hint is appended where the message has room.
 */
public final class MarketingRules {

    private static final Pattern PLAIN_HTTP = Pattern.compile("(?i)\\bhttp://");
    private static final Pattern STOP_WORD = Pattern.compile("\\bSTOP\\b");

    private MarketingRules() {
    }

    /** An {@code insecure_link} per field of a MARKETING message that carries an http:// link. */
    public static List<Violation> checkLinks(MessageRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (request.category() != Category.MARKETING) {
            return violations;
        }
        if (request.text() != null && PLAIN_HTTP.matcher(request.text()).find()) {
            violations.add(insecure("text.body"));
        }
        TemplateRef t = request.template();
        if (t != null) {
            for (int i = 0; i < t.bodyParameters().size(); i++) {
                if (t.bodyParameters().get(i) != null && PLAIN_HTTP.matcher(t.bodyParameters().get(i)).find()) {
                    violations.add(insecure("template.bodyParameters[" + i + "]"));
                }
            }
            t.namedParameters().forEach((name, value) -> {
                if (value != null && PLAIN_HTTP.matcher(value).find()) {
                    violations.add(insecure("template.namedParameters." + name));
                }
            });
            if (t.headerText() != null && PLAIN_HTTP.matcher(t.headerText()).find()) {
                violations.add(insecure("template.headerText"));
            }
            if (t.headerMedia() != null && t.headerMedia().link() != null && PLAIN_HTTP.matcher(t.headerMedia().link()).find()) {
                violations.add(insecure("template.headerMedia.link"));
            }
        }
        return violations;
    }

    private static Violation insecure(String field) {
        return new Violation(field, "insecure_link", "marketing messages may only carry https:// links");
    }

    /** The request after the opt-out rule, and whether the hint was appended. */
    public record HintOutcome(MessageRequest request, boolean appended) {
    }

    /**
     * Appends {@code hint} to a MARKETING message when it has room and no opt-out of its own:
     * free-form text gets it on a new paragraph if the result stays within 4,096 characters; a template gets it
     * after the value of the placeholder its body ends with, if the rendered body stays within Meta's limit (a
     * template's fixed text cannot change, and a parameter cannot hold a new line). A template offering its own
     * opt-out (a "Stop…" quick reply or footer) and text already mentioning STOP are left as they are.
     */
    public static HintOutcome appendOptOutHint(MessageRequest request, Template template, String hint) {
        if (request.category() != Category.MARKETING || hint == null || hint.isBlank()) {
            return new HintOutcome(request, false);
        }
        String word = hint.toLowerCase(Locale.ROOT);
        if (request.text() != null) {
            String text = request.text();
            if (text.toLowerCase(Locale.ROOT).contains(word) || STOP_WORD.matcher(text).find()) {
                return new HintOutcome(request, false);
            }
            String withHint = text.stripTrailing() + "\n\n" + hint;
            return withHint.length() <= MessageRequestRules.MAX_TEXT_LENGTH
                    ? new HintOutcome(request.withText(withHint), true) : new HintOutcome(request, false);
        }
        TemplateRef ref = request.template();
        if (template == null || ref == null || template.offersOptOut()) {
            return new HintOutcome(request, false);
        }
        String last = template.trailingPlaceholder();
        if (last == null) {
            return new HintOutcome(request, false);
        }
        Map<String, String> values = new HashMap<>();
        List<String> placeholders = template.bodyPlaceholders();
        if (template.parameterFormat() == Template.ParameterFormat.NAMED) {
            values.putAll(ref.namedParameters());
        } else {
            for (int i = 0; i < placeholders.size() && i < ref.bodyParameters().size(); i++) {
                values.put(placeholders.get(i), ref.bodyParameters().get(i));
            }
        }
        String current = values.get(last);
        if (current == null || current.toLowerCase(Locale.ROOT).contains(word)) {
            return new HintOutcome(request, false);
        }
        String extended = current.stripTrailing() + ". " + hint;
        values.put(last, extended);
        int max = template.hasOtherComponentsThanBody() ? TemplateRules.MAX_RENDERED_BODY : TemplateRules.MAX_RENDERED_BODY_ALONE;
        if (extended.length() > MessageRequestRules.MAX_BODY_PARAMETER_LENGTH || template.renderBody(values).length() > max) {
            return new HintOutcome(request, false);
        }
        TemplateRef changed;
        if (template.parameterFormat() == Template.ParameterFormat.NAMED) {
            Map<String, String> named = new LinkedHashMap<>(ref.namedParameters());
            named.put(last, extended);
            changed = ref.withNamedParameters(named);
        } else {
            List<String> positional = new ArrayList<>(ref.bodyParameters());
            positional.set(placeholders.indexOf(last), extended);
            changed = ref.withBodyParameters(positional);
        }
        return new HintOutcome(request.withTemplate(changed), true);
    }
}
