package dev.safesend.servicekit.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.time.ZoneId;
import java.util.List;

/**
 * The time zones an address may be in, from libphonenumber: a phone's zones; for a BSUID, which names only a region,
 * the zones of that region's example number. Unknown zones give {@code fallback}. (Services that call this depend on
 * libphonenumber and its geocoder themselves.)
 */
public final class Zones {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper ZONES = PhoneNumberToTimeZonesMapper.getInstance();

    private Zones() {
    }

    /** The zones of an E.164 phone or a BSUID; never empty. */
    public static List<ZoneId> of(String address, ZoneId fallback) {
        try {
            return of(Bsuid.isBsuid(address) ? PHONES.getExampleNumber(Bsuid.region(address)) : PHONES.parse(address, null), fallback);
        } catch (NumberParseException e) {
            return List.of(fallback);
        }
    }

    /** The zones of a region (ISO 3166 alpha-2), as for a BSUID of that region; never empty. */
    public static List<ZoneId> ofRegion(String region, ZoneId fallback) {
        return of(region == null ? null : PHONES.getExampleNumber(region), fallback);
    }

    private static List<ZoneId> of(Phonenumber.PhoneNumber number, ZoneId fallback) {
        if (number == null) {
            return List.of(fallback);
        }
        List<ZoneId> zones = ZONES.getTimeZonesForNumber(number).stream()
                .filter(id -> !id.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone()))
                .map(ZoneId::of).toList();
        return zones.isEmpty() ? List.of(fallback) : zones;
    }
}
