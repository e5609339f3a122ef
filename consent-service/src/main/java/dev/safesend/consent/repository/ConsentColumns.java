package dev.safesend.consent.repository;

import dev.safesend.consent.domain.Category;
import dev.safesend.consent.domain.ConsentState;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The columns of consent.consent_current: one row per phone and project, a triple per category (state, source,
 * evidence time; NULL when the category was never set), named after the category, in {@link Category} order.
 */
final class ConsentColumns {

    /** {@code marketing, marketing_source, marketing_evidence_at, utility, …}: a triple per category, in Category order. */
    static final String STATE_TRIPLES = Arrays.stream(Category.values())
            .map(c -> state(c) + ", " + state(c) + "_source, " + state(c) + "_evidence_at").collect(Collectors.joining(", "));

    /** {@code marketing, utility, authentication}. */
    static final String STATES = Arrays.stream(Category.values()).map(ConsentColumns::state).collect(Collectors.joining(", "));

    /**
     * Upserts current states from arrays: phone, project, then each category's state, source and evidence time (NULL:
     * the row keeps what it has for that category), then the version of the change.
     */
    static final String UPSERT = "INSERT INTO consent_current AS t (phone, project, " + STATE_TRIPLES + ", version, changed_at)\n"
            + "SELECT u.*, now() FROM unnest(?::text[], ?::text[]"
            + ", ?::text[], ?::text[], ?::timestamptz[]".repeat(Category.values().length) + ", ?::bigint[])"
            + " AS u(phone, project, " + STATE_TRIPLES + ", version)\n"
            + "ON CONFLICT (phone, project) DO UPDATE SET "
            + Arrays.stream(Category.values()).map(c -> {
                String s = state(c);
                return s + " = COALESCE(EXCLUDED." + s + ", t." + s + "), "
                        + s + "_source = CASE WHEN EXCLUDED." + s + " IS NULL THEN t." + s + "_source ELSE EXCLUDED." + s + "_source END, "
                        + s + "_evidence_at = CASE WHEN EXCLUDED." + s + " IS NULL THEN t." + s + "_evidence_at ELSE EXCLUDED." + s + "_evidence_at END";
            }).collect(Collectors.joining(", "))
            + ", version = GREATEST(t.version, EXCLUDED.version), changed_at = now()";

    /** How many array parameters {@link #UPSERT} takes: phone, project, a triple per category, version. */
    static final int UPSERT_PARAMETERS = 3 + 3 * Category.values().length;

    /**
     * A row's states as one text, {@code project|marketing|utility|authentication} with '' for a category never set,
     * for a query that aggregates a phone's rows ({@code alias}: the table's alias); read back with {@link #parseStates}.
     */
    static String statesText(String alias) {
        return alias + ".project || '|' || " + Arrays.stream(Category.values())
                .map(c -> "COALESCE(" + alias + "." + state(c) + ", '')").collect(Collectors.joining(" || '|' || "));
    }

    /** One {@link #statesText} value: the project's categories that have a state (the others are UNKNOWN). */
    static Map.Entry<String, Map<Category, ConsentState>> parseStates(String text) {
        String[] parts = text.split("\\|", -1);
        Map<Category, ConsentState> states = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            String state = parts[1 + category.ordinal()];
            if (!state.isEmpty()) {
                states.put(category, ConsentState.valueOf(state));
            }
        }
        return Map.entry(parts[0], states);
    }

    /** The 1-based result-set position of a category's state when {@link #STATE_TRIPLES} starts at {@code first}; source and evidence time follow. */
    static int tripleAt(int first, Category category) {
        return first + 3 * category.ordinal();
    }

    private ConsentColumns() {
    }

    /** The state column of a category: {@code marketing}; its source and evidence time add {@code _source}, {@code _evidence_at}. */
    static String state(Category category) {
        return category.name().toLowerCase(Locale.ROOT);
    }
}
