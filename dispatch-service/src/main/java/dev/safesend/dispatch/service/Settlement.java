package dev.safesend.dispatch.service;

import java.util.Map;

/**
 * How the pacing loop tells the lane consumer that a record's work is over, so its offset may be committed:
 * done (sent, stopped, skipped or durably deferred), or dead-lettered with reason headers first.
 */
public interface Settlement {

    void done();

    /** Writes the original record to {@code <topic>.dlq} with the headers, then counts it done. */
    void deadLetter(Map<String, String> reasonHeaders);

    /** True when the record's partition was taken away from this instance: its new owner handles it. */
    boolean stale();
}
