package dev.safesend.ingest.domain.campaign;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.safesend.servicekit.identity.Bsuid;

import java.time.ZoneId;
import java.util.List;

/**
 * A recipient's time zone for send windows, from the number (libphonenumber); for a BSUID, which names only a
 * region, that region's example number. A number whose country spans several zones takes the first one
 * libphonenumber names; unknown zones take the campaign's zone.
 */
public final class RecipientZone {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper ZONES = PhoneNumberToTimeZonesMapper.getInstance();

    private RecipientZone() {
    }

    public static ZoneId of(String address, ZoneId fallback) {
        try {
            return zoneOf(Bsuid.isBsuid(address) ? PHONES.getExampleNumber(Bsuid.region(address)) : PHONES.parse(address, null), fallback);
        } catch (NumberParseException e) {
            return fallback;
        }
    }

    /** The zone of a region (ISO 3166 alpha-2), as for a BSUID of that region. */
    public static ZoneId ofRegion(String region, ZoneId fallback) {
        return zoneOf(region == null ? null : PHONES.getExampleNumber(region), fallback);
    }

    /** Counts keyed by zone id, keyed by zone. */
    public static java.util.Map<ZoneId, Long> byZone(java.util.Map<String, Long> byId) {
        java.util.Map<ZoneId, Long> out = new java.util.LinkedHashMap<>();
        byId.forEach((id, n) -> out.merge(ZoneId.of(id), n, Long::sum));
        return out;
    }

    private static ZoneId zoneOf(Phonenumber.PhoneNumber number, ZoneId fallback) {
        try {
            if (number == null) {
                return fallback;
            }
            List<String> ids = ZONES.getTimeZonesForNumber(number);
            return ids.stream().filter(id -> !id.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone()))
                    .findFirst().map(ZoneId::of).orElse(fallback);
        } catch (java.time.DateTimeException e) {
            return fallback;
        }
    }
}
