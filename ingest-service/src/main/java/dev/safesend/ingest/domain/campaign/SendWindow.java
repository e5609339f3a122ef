package dev.safesend.ingest.domain.campaign;

import java.time.LocalTime;

/** A daily window in the recipient's local time, [start, end); start after end spans midnight. */
public record SendWindow(LocalTime start, LocalTime end) {

    public boolean contains(LocalTime t) {
        if (start.equals(end)) {
            return false;
        }
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }
}
