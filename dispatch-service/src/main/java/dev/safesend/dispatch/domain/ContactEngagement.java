package dev.safesend.dispatch.domain;

import java.time.Instant;

/**
 * A contact's engagement with one project's marketing, as health-monitor publishes it (wa.contact-engagement.v1, key
 * {@code project/contact}). The newest record per (project, contact) is kept; an older or repeated one is ignored.
 *
 * @param contact      the address marketing was sent to: an E.164 phone or a BSUID
 * @param state        ENGAGED or DORMANT
 * @param dormantUntil DORMANT: marketing to the contact is suppressed (LOW_ENGAGEMENT) until then; null: no end given,
 *                     and nothing is suppressed
 * @param changedAt    when health-monitor computed the state (the record's occurredAt)
 */
public record ContactEngagement(String project, String contact, String state, Instant dormantUntil, Instant changedAt) {

    /** The topic's key: {@code project + "/" + contact}. */
    public String key() {
        return project + "/" + contact;
    }
}
