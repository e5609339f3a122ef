package dev.safesend.simulator.domain;

import java.util.Locale;

/**
 * What a recipient of the simulated population does with a delivered message. {@code DEFAULT} is a
 * recipient no segment gives a class: the configured lifecycle's ratios decide whether it is
 * delivered and read.
 */
public enum RecipientBehaviour {
    /** Reads every delivered message. */
    READ,
    /** Reads every delivered message and answers it with a text quoting it (context wamid). */
    REPLY,
    /** Never reads. */
    IGNORE,
    /** Does not read; writes "STOP" to the business number once. */
    STOP,
    /** Does not read, blocks the business number: later messages from it fail with 131026. */
    BLOCK,
    /** Not in the population: the default lifecycle. */
    DEFAULT;

    /** The lowercase name used by the control API ("read", "reply", ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
