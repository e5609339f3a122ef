package dev.safesend.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.safesend.simulator.domain.Population;
import dev.safesend.simulator.domain.PopulationSegment;
import dev.safesend.simulator.domain.Recipient;
import dev.safesend.simulator.domain.RecipientRange;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The population as JSON: {@code {"segments":[{"range":{"from":"+263770000000","to":"+263770009999"},
 * "read":0.6,"reply":0.1,"ignore":0.2,"stop":0.002,"block":0.001}]}}, or {@code "range":{"prefix":"+26377"}}.
 * An omitted share is 0. Unknown fields are refused, so a misspelt share cannot silently become 0.
 */
public record PopulationBody(List<SegmentBody> segments) {

    private static final Set<String> ROOT_FIELDS = Set.of("segments");
    private static final Set<String> SEGMENT_FIELDS = Set.of("range", "read", "reply", "ignore", "stop", "block");
    private static final Set<String> RANGE_FIELDS = Set.of("from", "to", "prefix");

    /** One segment; a range shows its phones with "+". */
    public record SegmentBody(RangeBody range, double read, double reply, double ignore, double stop, double block) {
    }

    /** {@code from} and {@code to}, or {@code prefix}. */
    public record RangeBody(String from, String to, String prefix) {

        static RangeBody of(RecipientRange range) {
            return range.isPrefix() ? new RangeBody(null, null, "+" + range.prefix())
                    : new RangeBody("+" + range.from(), "+" + range.to(), null);
        }
    }

    static PopulationBody of(Population population) {
        return new PopulationBody(population.segments().stream().map(segment -> new SegmentBody(
                RangeBody.of(segment.range()), segment.read(), segment.reply(), segment.ignore(), segment.stop(),
                segment.block())).toList());
    }

    /**
     * The population a request body describes.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Population parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be {\"segments\":[…]}");
        }
        requireKnown(body, ROOT_FIELDS, "the population");
        JsonNode segments = body.path("segments");
        if (!segments.isArray()) {
            throw new IllegalArgumentException("'segments' must be an array");
        }
        List<PopulationSegment> parsed = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            String where = "segments[" + i + "]";
            JsonNode segment = segments.get(i);
            if (!segment.isObject()) {
                throw new IllegalArgumentException(where + " must be an object");
            }
            requireKnown(segment, SEGMENT_FIELDS, where);
            try {
                parsed.add(new PopulationSegment(range(segment.path("range"), where), share(segment, "read", where),
                        share(segment, "reply", where), share(segment, "ignore", where), share(segment, "stop", where),
                        share(segment, "block", where)));
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith(where) ? e : new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return new Population(parsed);
    }

    private static RecipientRange range(JsonNode range, String where) {
        if (!range.isObject()) {
            throw new IllegalArgumentException(where + ".range must be {\"from\",\"to\"} or {\"prefix\"}");
        }
        requireKnown(range, RANGE_FIELDS, where + ".range");
        if (range.has("prefix")) {
            if (range.has("from") || range.has("to")) {
                throw new IllegalArgumentException(where + ".range is either from/to or a prefix, not both");
            }
            String prefix = text(range, "prefix", where).trim();
            return RecipientRange.startingWith(prefix.startsWith("+") ? prefix.substring(1) : prefix);
        }
        return RecipientRange.between(phone(range, "from", where), phone(range, "to", where));
    }

    private static String phone(JsonNode range, String field, String where) {
        String text = text(range, field, where);
        return Recipient.parse(text).map(Recipient::waId).orElseThrow(() -> new IllegalArgumentException(
                where + ".range." + field + " must be a phone number in E.164, got '" + text + "'"));
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where + ".range." + field + " must be a string");
        }
        return value.asText();
    }

    private static double share(JsonNode segment, String field, String where) {
        JsonNode value = segment.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(where + "." + field + " must be a number between 0 and 1");
        }
        return value.asDouble();
    }

    private static void requireKnown(JsonNode node, Set<String> known, String where) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(where + " has an unknown field '" + name + "' (known: "
                        + known.stream().sorted().toList() + ")");
            }
        }
    }
}
