package dev.safesend.simulator.domain;

import java.util.Locale;

/** Outbound message statuses reported by webhook. */
public enum MessageStatus {
    SENT, DELIVERED, READ, FAILED;

    /** The lowercase value of {@code statuses[].status}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
