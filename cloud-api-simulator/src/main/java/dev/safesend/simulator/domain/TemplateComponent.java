package dev.safesend.simulator.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One component of a template as Meta lists it: HEADER (with a {@code format}), BODY, FOOTER or
 * BUTTONS. {@code example} is kept as parsed (maps and lists) so the listing can echo it.
 */
public record TemplateComponent(String type, String format, String text, List<TemplateButton> buttons, Object example) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    public TemplateComponent {
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    public boolean isHeader() {
        return "HEADER".equals(type);
    }

    public boolean isBody() {
        return "BODY".equals(type);
    }

    public boolean isButtons() {
        return "BUTTONS".equals(type);
    }

    /** True for IMAGE, VIDEO, DOCUMENT and LOCATION headers, which take exactly one non-text parameter. */
    public boolean isMediaHeader() {
        return isHeader() && format != null && !"TEXT".equals(format);
    }

    /** Distinct placeholder names ("1", "2" or "first_name") in order of first appearance. */
    public List<String> placeholders() {
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
}
