package dev.safesend.simulator.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** The WABA's templates in listing order, looked up by name and language. Immutable. */
public final class TemplateRegistry {

    private final List<Template> templates;
    private final Map<String, Template> byNameAndLanguage = new HashMap<>();
    private final Map<String, Integer> positionById = new HashMap<>();

    public TemplateRegistry(List<Template> templates) {
        this.templates = List.copyOf(templates);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < this.templates.size(); i++) {
            Template template = this.templates.get(i);
            if (!ids.add(template.id())) {
                throw new IllegalArgumentException("duplicate template id " + template.id());
            }
            if (byNameAndLanguage.putIfAbsent(key(template.name(), template.language()), template) != null) {
                throw new IllegalArgumentException("duplicate template " + template.name() + "/" + template.language());
            }
            positionById.put(template.id(), i);
        }
    }

    public Optional<Template> find(String name, String language) {
        return Optional.ofNullable(byNameAndLanguage.get(key(name, language)));
    }

    public int size() {
        return templates.size();
    }

    /**
     * One page of the templates matching {@code filter}, starting after the template with id
     * {@code afterId} (the start when null).
     *
     * @throws IllegalArgumentException if {@code afterId} names no template
     */
    public TemplatePage page(Predicate<Template> filter, String afterId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        int start = 0;
        if (afterId != null) {
            Integer position = positionById.get(afterId);
            if (position == null) {
                throw new IllegalArgumentException("unknown cursor");
            }
            start = position + 1;
        }
        List<Template> items = new ArrayList<>();
        boolean more = false;
        for (int i = start; i < templates.size(); i++) {
            Template template = templates.get(i);
            if (!filter.test(template)) {
                continue;
            }
            if (items.size() == limit) {
                more = true;
                break;
            }
            items.add(template);
        }
        return new TemplatePage(items, more);
    }

    /** A page of templates; {@code hasMore} says whether a next page exists. */
    public record TemplatePage(List<Template> items, boolean hasMore) {
    }

    private static String key(String name, String language) {
        return name + "\u0000" + (language == null ? "" : language.toLowerCase(Locale.ROOT));
    }
}
