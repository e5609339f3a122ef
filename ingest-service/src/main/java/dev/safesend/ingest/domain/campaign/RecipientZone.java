package dev.safesend.ingest.domain.campaign;

import dev.safesend.servicekit.identity.Zones;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A recipient's time zone for send windows: the first zone libphonenumber names for the number (a BSUID: its
 * region's), else the campaign's zone ({@link Zones}, which dispatch's quiet hours use too).
 */
public final class RecipientZone {

    private RecipientZone() {
    }

    public static ZoneId of(String address, ZoneId fallback) {
        return Zones.of(address, fallback).get(0);
    }

    /** The zone of a region (ISO 3166 alpha-2), as for a BSUID of that region. */
    public static ZoneId ofRegion(String region, ZoneId fallback) {
        return Zones.ofRegion(region, fallback).get(0);
    }

    /** Counts keyed by zone id, keyed by zone. */
    public static Map<ZoneId, Long> byZone(Map<String, Long> byId) {
        Map<ZoneId, Long> out = new LinkedHashMap<>();
        byId.forEach((id, n) -> out.merge(ZoneId.of(id), n, Long::sum));
        return out;
    }
}
