package dev.safesend.ingest.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Optional;

/** E.164 normalisation with libphonenumber: a number must carry its country code and be a valid number there. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** The E.164 form of {@code raw} (which must start with + and a country code), or empty if it is not a valid number. */
    public static Optional<String> toE164(String raw) {
        if (raw == null || !raw.strip().startsWith("+")) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(raw.strip(), null);
            if (!UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Meta's wa_id (digits, no +) as E.164. */
    public static String fromWaId(String waId) {
        return waId == null ? null : waId.startsWith("+") ? waId : "+" + waId;
    }
}
