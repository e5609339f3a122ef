package dev.safesend.servicekit.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;

/**
 * E.164 normalisation with libphonenumber. A number needs its country code ({@code +…} or {@code 00…}) unless a
 * default region is given; it must be a valid number for its region. What cannot be normalised is rejected with why.
 * <p>
 * A number that is already written in E.164 ({@code +} and digits, as in most import files) skips libphonenumber's
 * text parsing (extension, punctuation and IDD handling, a third of an import's CPU): its country code is split off the
 * way {@code PhoneNumberUtil.parse} does it, and it is still validated by libphonenumber. Whenever parsing could read it
 * differently (a national significant number starting with 0 or with the region's national prefix) or it is not valid,
 * the full parse decides, so the result and every rejection are those of {@code PhoneNumberUtil.parse}.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final MetadataSource METADATA = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    /** Per country calling code: its national prefix for parsing, or {@link #NO_PREFIX}; filled on first use. */
    private static final AtomicReferenceArray<Pattern> NATIONAL_PREFIX = new AtomicReferenceArray<>(1000);
    private static final Pattern NO_PREFIX = Pattern.compile("(?!)");
    private static final int MAX_COUNTRY_CODE_DIGITS = 3;
    private static final int MIN_NSN = 2;
    private static final int MAX_NSN = 17;

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
        PhoneNumber e164 = validE164(candidate);
        return e164 != null ? e164 : parse(raw, candidate, region);
    }

    /** The whole of libphonenumber's parse, then validation. */
    static PhoneNumber parse(String raw, String candidate, String region) {
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

    /**
     * {@code candidate} as libphonenumber would read it, when it is {@code +} and digits only, its national significant
     * number cannot start with a national prefix or a 0, and the number is valid; otherwise null (the full parse decides).
     */
    static PhoneNumber validE164(String candidate) {
        int length = candidate.length();
        if (length < 1 + 1 + MIN_NSN || length > 1 + MAX_COUNTRY_CODE_DIGITS + MAX_NSN || candidate.charAt(0) != '+') {
            return null;
        }
        for (int i = 1; i < length; i++) {
            char ch = candidate.charAt(i);
            if (ch < '0' || ch > '9') {
                return null;
            }
        }
        if (candidate.charAt(1) == '0') {
            return null;
        }
        // PhoneNumberUtil.extractCountryCode: the shortest prefix (1 to 3 digits) that is a known calling code
        int countryCode = 0;
        int nsnStart = 0;
        for (int i = 1; i <= MAX_COUNTRY_CODE_DIGITS && i < length - 1; i++) {
            int potential = Integer.parseInt(candidate, 1, 1 + i, 10);
            if (!"ZZ".equals(UTIL.getRegionCodeForCountryCode(potential))) {
                countryCode = potential;
                nsnStart = 1 + i;
                break;
            }
        }
        int nsnLength = length - nsnStart;
        if (countryCode == 0 || nsnLength < MIN_NSN || nsnLength > MAX_NSN || candidate.charAt(nsnStart) == '0') {
            return null;
        }
        String nsn = candidate.substring(nsnStart);
        if (nationalPrefix(countryCode).matcher(nsn).lookingAt()) {
            return null; // parse may strip it (e.g. +52 1…): let it
        }
        Phonenumber.PhoneNumber number = new Phonenumber.PhoneNumber().setCountryCode(countryCode).setNationalNumber(Long.parseLong(nsn));
        String region = UTIL.getRegionCodeForNumber(number);
        if (!UTIL.isValidNumberForRegion(number, region)) { // what isValidNumber does, without finding the region twice
            return null;
        }
        return new PhoneNumber(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), region);
    }

    private static Pattern nationalPrefix(int countryCode) {
        Pattern known = NATIONAL_PREFIX.get(countryCode);
        if (known != null) {
            return known;
        }
        String mainRegion = UTIL.getRegionCodeForCountryCode(countryCode);
        Phonemetadata.PhoneMetadata metadata = "001".equals(mainRegion)
                ? METADATA.getMetadataForNonGeographicalRegion(countryCode) : METADATA.getMetadataForRegion(mainRegion);
        String forParsing = metadata == null ? "" : metadata.getNationalPrefixForParsing();
        Pattern pattern = forParsing.isEmpty() ? NO_PREFIX : Pattern.compile(forParsing);
        NATIONAL_PREFIX.compareAndSet(countryCode, null, pattern);
        return pattern;
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

    /**
     * The E.164 form of {@code raw}, which must start with + and a country code (an address as the send API and Meta's
     * webhooks carry it), or empty when it is not a valid number.
     */
    public static Optional<String> toE164(String raw) {
        if (raw == null || !raw.strip().startsWith("+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(normalise(raw, null).e164());
        } catch (InvalidPhoneNumberException e) {
            return Optional.empty();
        }
    }

    /** Meta's wa_id (digits, no +) as it is written in E.164. */
    public static String fromWaId(String waId) {
        return waId == null ? null : waId.startsWith("+") ? waId : "+" + waId;
    }

    /** A normalised number and the region it belongs to. */
    public record PhoneNumber(String e164, String region) {
    }
}
