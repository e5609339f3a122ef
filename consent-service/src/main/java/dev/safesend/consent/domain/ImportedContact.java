package dev.safesend.consent.domain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One contact read from an import file (possibly several rows of the same number merged).
 *
 * @param consent          requested state per category (absent: leave as it is)
 * @param evidence         the evidence of the requested changes
 * @param timeGiven        the row said when consent was given (without it an opt-in cannot override an opt-out)
 * @param proofGiven       the row carried its own proof (with a time, needed to re-create an erased number)
 * @param line             the (last) line it came from
 */
public record ImportedContact(String phone, String region, String waId, String name, String language, List<String> tags,
                              Map<String, String> attributes, Map<Category, ConsentState> consent, Evidence evidence,
                              boolean timeGiven, boolean proofGiven, long line) {

    public ImportedContact {
        tags = tags == null ? List.of() : List.copyOf(tags);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        consent = consent == null || consent.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(consent));
    }

    /** Duplicate rows merge: the later row's non-empty fields win, tags are united, attributes and consent overlay. */
    public ImportedContact mergedWith(ImportedContact later) {
        LinkedHashSet<String> allTags = new LinkedHashSet<>(tags);
        allTags.addAll(later.tags);
        Map<String, String> attrs = new LinkedHashMap<>(attributes);
        attrs.putAll(later.attributes);
        Map<Category, ConsentState> states = new EnumMap<>(Category.class);
        states.putAll(consent);
        states.putAll(later.consent);
        boolean laterHasConsent = !later.consent.isEmpty();
        return new ImportedContact(phone, region, pick(waId, later.waId), pick(name, later.name), pick(language, later.language),
                new ArrayList<>(allTags), attrs, states, laterHasConsent ? later.evidence : evidence,
                laterHasConsent ? later.timeGiven : timeGiven, laterHasConsent ? later.proofGiven : proofGiven, later.line);
    }

    /** Own proof and own time: enough to re-create an erased number. */
    public boolean explicitEvidence() {
        return timeGiven && proofGiven;
    }

    private static String pick(String earlier, String later) {
        return later != null ? later : earlier;
    }
}
