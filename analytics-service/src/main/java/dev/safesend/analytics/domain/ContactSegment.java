package dev.safesend.analytics.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import dev.safesend.servicekit.identity.Bsuid;

import java.util.Locale;

/**
 * The segment a contact's address falls in, derived from the address alone with libphonenumber:
 * <ul>
 *   <li>{@code country}: the ISO 3166 region of the number ({@code ZW}); a BSUID's region prefix;</li>
 *   <li>{@code region}: the geographic area libphonenumber's geocoder names for the number in English (a city or
 *       province for fixed lines, often the country for mobiles), else the country; a BSUID's region prefix;</li>
 *   <li>{@code type}: the number's line type ({@code MOBILE}, {@code FIXED_LINE_OR_MOBILE}, …); {@code BSUID} for a BSUID.</li>
 * </ul>
 * An address libphonenumber cannot read is {@code UNKNOWN}.
 */
public final class ContactSegment {

    public static final String UNKNOWN = "UNKNOWN";

    /** What to segment by. */
    public enum By {
        REGION, COUNTRY, TYPE;

        /** {@code region|country|type}, case-insensitive, or null. */
        public static By parse(String value) {
            if (value == null) {
                return null;
            }
            for (By b : values()) {
                if (b.name().equalsIgnoreCase(value.strip())) {
                    return b;
                }
            }
            return null;
        }
    }

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final PhoneNumberOfflineGeocoder GEOCODER = PhoneNumberOfflineGeocoder.getInstance();

    private ContactSegment() {
    }

    public static String of(String address, By by) {
        if (Bsuid.isBsuid(address)) {
            return by == By.TYPE ? "BSUID" : Bsuid.region(address);
        }
        Phonenumber.PhoneNumber number;
        try {
            number = PHONES.parse(address, null);
        } catch (NumberParseException | RuntimeException e) {
            return UNKNOWN;
        }
        String country = PHONES.getRegionCodeForNumber(number);
        return switch (by) {
            case COUNTRY -> country == null ? UNKNOWN : country;
            case TYPE -> PHONES.getNumberType(number).name();
            case REGION -> {
                String area = GEOCODER.getDescriptionForNumber(number, Locale.ENGLISH);
                yield area == null || area.isBlank() ? (country == null ? UNKNOWN : country) : area;
            }
        };
    }
}
