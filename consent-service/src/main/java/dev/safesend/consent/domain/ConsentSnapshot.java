package dev.safesend.consent.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole current consent of one phone, as published on the compacted topic: every project's states, the project
 * and source of the change that caused it, and the contact's version. An erased phone is opted out of everything.
 * {@code addresses}: every address of the contact identity (its key first), each judged by this state.
 * {@code senderId}: the business number the change came through (a keyword written to it, its user_preferences, a
 * 131050 from it), null when it came through none; {@code optedOut}: the categories of {@code project} the change
 * moved to OPTED_OUT ({@link ConsentRules#optedOut}), empty when it opted nobody out.
 */
public record ConsentSnapshot(String phone, String project, long version, boolean erased, String source, Instant occurredAt,
                              Map<String, Map<Category, ConsentState>> projects, List<String> addresses, String senderId,
                              Set<Category> optedOut) {

    public ConsentSnapshot {
        optedOut = optedOut == null || optedOut.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(optedOut));
        addresses = addresses == null || addresses.isEmpty() ? List.of(phone) : List.copyOf(addresses);
        Map<String, Map<Category, ConsentState>> copy = new LinkedHashMap<>();
        projects.forEach((p, states) -> copy.put(p, Map.copyOf(states)));
        projects = Map.copyOf(copy);
    }

    /** The state of a category in a project: OPTED_OUT when erased, UNKNOWN when never set. */
    public ConsentState state(String inProject, Category category) {
        if (erased) {
            return ConsentState.OPTED_OUT;
        }
        return projects.getOrDefault(inProject, Map.of()).getOrDefault(category, ConsentState.UNKNOWN);
    }

    /** Every category of a project, UNKNOWN filled in. */
    public Map<Category, ConsentState> statesOf(String inProject) {
        Map<Category, ConsentState> all = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            all.put(c, state(inProject, c));
        }
        return all;
    }
}
