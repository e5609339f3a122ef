package dev.safesend.consent.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * E.164 normalisation with libphonenumber. A number needs its country code ({@code +…} or {@code 00…}) unless a
 * default region is given; it must be a valid number for its region. What cannot be normalised is rejected with why.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * @param raw           as typed: spaces, dashes, dots and brackets are fine
     * @param defaultRegion ISO 3166 alpha-2 for numbers written without a country code, or null
     * @throws InvalidPhoneNumberException with a machine code and a human reason
     */
    public static PhoneNumber normalise(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidPhoneNumberException("missing", "no phone number given");
        }
        String candidate = raw.strip();
        if (candidate.startsWith("00")) {
            candidate = "+" + candidate.substring(2);
        }
        String region = defaultRegion == null ? null : defaultRegion.toUpperCase(java.util.Locale.ROOT);
        if (!candidate.startsWith("+") && region == null) {
            throw new InvalidPhoneNumberException("no_country_code", "'" + raw.strip() + "' has no country code (write it as +<country code><number>)");
        }
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(candidate, region);
            if (!UTIL.isValidNumber(number)) {
                String regionOfNumber = UTIL.getRegionCodeForCountryCode(number.getCountryCode());
                return reject(number, regionOfNumber);
            }
            return new PhoneNumber(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), UTIL.getRegionCodeForNumber(number));
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException(e.getErrorType().name().toLowerCase(java.util.Locale.ROOT),
                    "'" + raw.strip() + "' is not a phone number: " + e.getMessage());
        }
    }

    /** Normalises an E.164 string that should already be one (a path parameter, Meta's wa_id with or without +). */
    public static PhoneNumber normalise(String raw) {
        return normalise(raw == null || raw.isBlank() || raw.strip().startsWith("+") || raw.strip().startsWith("00")
                ? raw : "+" + raw.strip(), null);
    }

    private static PhoneNumber reject(Phonenumber.PhoneNumber number, String region) {
        PhoneNumberUtil.ValidationResult length = UTIL.isPossibleNumberWithReason(number);
        String why = switch (length) {
            case TOO_SHORT -> "too_short";
            case TOO_LONG -> "too_long";
            case INVALID_COUNTRY_CODE -> "invalid_country_code";
            case INVALID_LENGTH -> "invalid_length";
            default -> "invalid_number";
        };
        throw new InvalidPhoneNumberException(why, "+" + number.getCountryCode() + " " + number.getNationalNumber()
                + " is not a valid number" + ("ZZ".equals(region) ? "" : " in " + region) + " (" + why.replace('_', ' ') + ")");
    }

    /** A normalised number and the region it belongs to. */
    public record PhoneNumber(String e164, String region) {
    }
}
