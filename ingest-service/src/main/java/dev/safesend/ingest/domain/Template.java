package dev.safesend.ingest.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message template as Meta lists it (Meta's Cloud API documentation), kept in ingest's registry.
 * {@code status} and {@code quality} are Meta's strings (APPROVED, PAUSED, …; GREEN, YELLOW, RED, UNKNOWN):
 * Meta adds values over time, and an unknown one must not break the registry.
 */
public record Template(String id, String name, String language, String category, String status, String quality,
                       ParameterFormat parameterFormat, String headerFormat, String headerText, String bodyText,
                       String footerText, List<Button> buttons, Instant updatedAt) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    public enum ParameterFormat { POSITIONAL, NAMED }

    /** A button of the template: type QUICK_REPLY, URL, PHONE_NUMBER, OTP, COPY_CODE, …; {@code url} may hold {{1}}. */
    public record Button(String type, String text, String url) {
    }

    public Template {
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
        parameterFormat = parameterFormat == null ? ParameterFormat.POSITIONAL : parameterFormat;
    }

    public boolean approved() {
        return "APPROVED".equalsIgnoreCase(status);
    }

    /** Distinct body placeholders ("1", "2" or "first_name") in order of first appearance. */
    public List<String> bodyPlaceholders() {
        return placeholders(bodyText);
    }

    public int bodyParameterCount() {
        return bodyPlaceholders().size();
    }

    /** True for a TEXT header with a {{1}} placeholder, which takes one text parameter. */
    public boolean headerTakesText() {
        return "TEXT".equalsIgnoreCase(headerFormat) && !placeholders(headerText).isEmpty();
    }

    /** IMAGE, VIDEO or DOCUMENT when the header is media (which takes exactly one media parameter), else null. */
    public String headerMediaType() {
        if (headerFormat == null) {
            return null;
        }
        String f = headerFormat.toUpperCase(Locale.ROOT);
        return f.equals("IMAGE") || f.equals("VIDEO") || f.equals("DOCUMENT") ? f : null;
    }

    public boolean hasOtherComponentsThanBody() {
        return headerFormat != null || footerText != null || !buttons.isEmpty();
    }

    /** A template's own opt-out: a quick reply or a footer that mentions stopping (e.g. "Stop promotions"). */
    public boolean offersOptOut() {
        boolean button = buttons.stream().anyMatch(b -> "QUICK_REPLY".equalsIgnoreCase(b.type())
                && b.text() != null && b.text().toLowerCase(Locale.ROOT).contains("stop"));
        boolean footer = footerText != null && footerText.toLowerCase(Locale.ROOT).contains("stop");
        return button || footer;
    }

    static List<String> placeholders(String text) {
        if (text == null) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return new ArrayList<>(names);
    }

    /** The body with every placeholder replaced by its value (values by placeholder name). */
    public String renderBody(java.util.Map<String, String> values) {
        if (bodyText == null) {
            return "";
        }
        Matcher matcher = PLACEHOLDER.matcher(bodyText);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            value = value == null ? "" : value;
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The placeholder the body ends with (nothing but whitespace after it), so a hint can follow its value; else null. */
    public String trailingPlaceholder() {
        if (bodyText == null) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(bodyText);
        String last = null;
        int end = -1;
        while (matcher.find()) {
            last = matcher.group(1);
            end = matcher.end();
        }
        return last != null && bodyText.substring(end).isBlank() ? last : null;
    }

    public Template withStatus(String newStatus, Instant at) {
        return new Template(id, name, language, category, newStatus, quality, parameterFormat, headerFormat, headerText,
                bodyText, footerText, buttons, at);
    }

    public Template withQuality(String newQuality, Instant at) {
        return new Template(id, name, language, category, status, newQuality, parameterFormat, headerFormat, headerText,
                bodyText, footerText, buttons, at);
    }
}
