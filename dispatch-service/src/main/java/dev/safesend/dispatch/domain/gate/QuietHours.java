package dev.safesend.dispatch.domain.gate;

import dev.safesend.servicekit.identity.Zones;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Marketing is not sent in the recipient's quiet hours (default 21:00–08:00 local). The time zone
 * comes from the number (libphonenumber). A number whose country spans several zones is quiet
 * while it is quiet in any of them, and opens when it is open in all of them.
 */
public final class QuietHours {

    private final LocalTime start;
    private final LocalTime end;
    private final ZoneId fallback;

    /** @param start quiet from (e.g. 21:00); @param end quiet until (e.g. 08:00); start after end means overnight */
    public QuietHours(LocalTime start, LocalTime end, ZoneId fallback) {
        this.start = start;
        this.end = end;
        this.fallback = fallback;
    }

    public static QuietHours defaults() {
        return new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), ZoneId.of("UTC"));
    }

    /**
     * The zones a recipient may be in: a phone's zones (libphonenumber); for a BSUID, which names only a region, the
     * zones of the region's example number. Unknown zones fall back to the configured zone.
     */
    public List<ZoneId> zonesOf(String e164) {
        return Zones.of(e164, fallback);
    }

    /** When the message may go: empty if it may go now, otherwise the next opening in the recipient's time. */
    public Optional<Instant> deferUntil(String e164, Instant now) {
        Instant latestOpening = null;
        for (ZoneId zone : zonesOf(e164)) {
            ZonedDateTime local = now.atZone(zone);
            if (isQuiet(local.toLocalTime())) {
                ZonedDateTime opening = local.toLocalDate().atTime(end).atZone(zone);
                if (!opening.isAfter(local)) {
                    opening = opening.plusDays(1);
                }
                if (latestOpening == null || opening.toInstant().isAfter(latestOpening)) {
                    latestOpening = opening.toInstant();
                }
            }
        }
        return Optional.ofNullable(latestOpening);
    }

    boolean isQuiet(LocalTime t) {
        if (start.equals(end)) {
            return false;
        }
        return start.isAfter(end) ? !t.isBefore(start) || t.isBefore(end) : !t.isBefore(start) && t.isBefore(end);
    }
}
