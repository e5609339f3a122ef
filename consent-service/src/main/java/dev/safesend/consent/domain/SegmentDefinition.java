package dev.safesend.consent.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A saved audience filter. Every given filter must hold (AND); empty filters are ignored. "Last contacted more than
 * 7 days ago" includes contacts never contacted; "within 7 days" excludes them.
 *
 * @param tagsAll              the contact has every one of these tags
 * @param tagsAny              the contact has at least one of these tags
 * @param attributes           each attribute equals the given value
 * @param regions              ISO region of the number is one of these
 * @param languages            language is one of these
 * @param lastContactedMoreThan last message sent to them is older than this (or never)
 * @param lastContactedWithin  last message sent to them is at most this old
 * @param lastInboundMoreThan  they last wrote longer ago than this (or never)
 * @param lastInboundWithin    they wrote within this
 */
public record SegmentDefinition(String name, String project, List<String> tagsAll, List<String> tagsAny,
                                Map<String, String> attributes, List<String> regions, List<String> languages,
                                Duration lastContactedMoreThan, Duration lastContactedWithin,
                                Duration lastInboundMoreThan, Duration lastInboundWithin) {

    public SegmentDefinition {
        tagsAll = tagsAll == null ? List.of() : List.copyOf(tagsAll);
        tagsAny = tagsAny == null ? List.of() : List.copyOf(tagsAny);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        regions = regions == null ? List.of() : regions.stream().map(r -> r.toUpperCase(java.util.Locale.ROOT)).toList();
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    /** Problems as (field, message); empty when the definition is usable. */
    public List<Map.Entry<String, String>> problems() {
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(Map.entry("name", "a segment needs a name"));
        }
        if (project == null || project.isBlank()) {
            problems.add(Map.entry("project", "a segment belongs to a project"));
        }
        checkPositive(problems, "lastContactedMoreThan", lastContactedMoreThan);
        checkPositive(problems, "lastContactedWithin", lastContactedWithin);
        checkPositive(problems, "lastInboundMoreThan", lastInboundMoreThan);
        checkPositive(problems, "lastInboundWithin", lastInboundWithin);
        for (String r : regions) {
            if (!r.matches("[A-Z]{2}")) {
                problems.add(Map.entry("regions", "'" + r + "' is not an ISO 3166 alpha-2 region"));
            }
        }
        return problems;
    }

    private static void checkPositive(List<Map.Entry<String, String>> problems, String field, Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) {
            problems.add(Map.entry(field, "must be a positive ISO-8601 duration such as P7D"));
        }
    }

    /** The instant before which "last contacted more than …" holds, relative to {@code now}. */
    public static Instant cutoff(Instant now, Duration age) {
        return age == null ? null : now.minus(age);
    }
}
