package dev.safesend.consent.repository;

import dev.safesend.consent.domain.Category;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The columns of consent.consent_current: one row per phone and project, a triple per category (state, source,
 * evidence time; NULL when the category was never set), named after the category, in {@link Category} order.
 */
final class ConsentColumns {

    /** {@code marketing, marketing_source, marketing_evidence_at, utility, …}. */
    static final String ALL_STATES = Arrays.stream(Category.values())
            .map(c -> state(c) + ", " + state(c) + "_source, " + state(c) + "_evidence_at").collect(Collectors.joining(", "));

    /** {@code marketing, utility, authentication}. */
    static final String STATES = Arrays.stream(Category.values()).map(ConsentColumns::state).collect(Collectors.joining(", "));

    /**
     * Upserts current states from arrays: phone, project, then each category's state, source and evidence time (NULL:
     * the row keeps what it has for that category), then the version of the change.
     */
    static final String UPSERT = "INSERT INTO consent_current AS t (phone, project, " + ALL_STATES + ", version, changed_at)\n"
            + "SELECT u.*, now() FROM unnest(?::text[], ?::text[]"
            + ", ?::text[], ?::text[], ?::timestamptz[]".repeat(Category.values().length) + ", ?::bigint[])"
            + " AS u(phone, project, " + ALL_STATES + ", version)\n"
            + "ON CONFLICT (phone, project) DO UPDATE SET "
            + Arrays.stream(Category.values()).map(c -> {
                String s = state(c);
                return s + " = COALESCE(EXCLUDED." + s + ", t." + s + "), "
                        + s + "_source = CASE WHEN EXCLUDED." + s + " IS NULL THEN t." + s + "_source ELSE EXCLUDED." + s + "_source END, "
                        + s + "_evidence_at = CASE WHEN EXCLUDED." + s + " IS NULL THEN t." + s + "_evidence_at ELSE EXCLUDED." + s + "_evidence_at END";
            }).collect(Collectors.joining(", "))
            + ", version = GREATEST(t.version, EXCLUDED.version), changed_at = now()";

    private ConsentColumns() {
    }

    /** The state column of a category: {@code marketing}; its source and evidence time add {@code _source}, {@code _evidence_at}. */
    static String state(Category category) {
        return category.name().toLowerCase(Locale.ROOT);
    }
}
