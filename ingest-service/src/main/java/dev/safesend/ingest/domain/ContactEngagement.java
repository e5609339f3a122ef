package dev.safesend.ingest.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A contact's engagement with one project's marketing, as health-monitor publishes it (wa.contact-engagement.v1, key
 * {@code project/contact}). Ingest keeps the newest record per (project, contact) so that a campaign's forecast can
 * count the recipients dispatch will suppress. The suppression rule is dispatch's gate's: marketing to a DORMANT
 * contact is suppressed (LOW_ENGAGEMENT) until {@code dormantUntil}; an ENGAGED contact, and a DORMANT one without an
 * end, are not suppressed.
 *
 * @param contact   the address marketing was sent to: an E.164 phone or a BSUID (a campaign recipient's address)
 * @param changedAt when health-monitor computed the state (the record's occurredAt): a newer record replaces an older
 *                  one, an older or equally old one changes nothing
 */
public record ContactEngagement(String project, String contact, State state, Instant dormantUntil, Instant changedAt) {

    /** The reason dispatch suppresses marketing to a dormant contact with, and the forecast counts it under. */
    public static final String LOW_ENGAGEMENT = "LOW_ENGAGEMENT";

    public enum State { ENGAGED, DORMANT }

    public ContactEngagement {
        if (project == null || project.isBlank() || contact == null || contact.isBlank()) {
            throw new IllegalArgumentException("an engagement names a project and a contact");
        }
        if (state == null || changedAt == null) {
            throw new IllegalArgumentException("an engagement has a state and a time");
        }
    }

    /** Until when dispatch suppresses this contact's marketing for the project; null: it does not. */
    public Instant suppressedUntil() {
        return state == State.DORMANT ? dormantUntil : null;
    }

    /** Whether marketing of the project to this contact at {@code at} is suppressed as {@link #LOW_ENGAGEMENT}. */
    public boolean suppressesMarketingAt(Instant at) {
        Instant until = suppressedUntil();
        return until != null && at.isBefore(until);
    }

    /** The topic's key. */
    public String key() {
        return project + "/" + contact;
    }

    /** Whether this record replaces {@code held} (the same contact's): only when it is newer. */
    public boolean replaces(ContactEngagement held) {
        return held == null || changedAt.isAfter(held.changedAt);
    }

    /**
     * Of a batch, the newest record per (project, contact), in key order (of two equally new, the first: the one held
     * would ignore the second too). Keys are unique in the answer, so it can be written in one statement.
     *
     * @return index into {@code batch} of each record kept
     */
    public static List<Integer> newestPerContact(List<ContactEngagement> batch) {
        Map<String, Integer> newest = new TreeMap<>();
        for (int i = 0; i < batch.size(); i++) {
            ContactEngagement e = batch.get(i);
            Integer held = newest.get(e.key());
            if (held == null || e.replaces(batch.get(held))) {
                newest.put(e.key(), i);
            }
        }
        return new ArrayList<>(newest.values());
    }

    /** {@code project/contact}, the key of wa.contact-engagement.v1 (a tombstone carries nothing else). */
    public record Key(String project, String contact) {

        /** @throws IllegalArgumentException when the key is not {@code project/contact} */
        public static Key parse(String key) {
            int slash = key == null ? -1 : key.indexOf('/');
            if (slash <= 0 || slash == key.length() - 1) {
                throw new IllegalArgumentException("engagement key '" + key + "' is not project/contact");
            }
            return new Key(key.substring(0, slash), key.substring(slash + 1));
        }
    }
}
