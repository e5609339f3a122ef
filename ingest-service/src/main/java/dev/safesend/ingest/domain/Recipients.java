package dev.safesend.ingest.domain;

import dev.safesend.servicekit.identity.Bsuid;
import dev.safesend.servicekit.identity.PhoneNumbers;

import java.util.Optional;

/**
 * A recipient is addressed by an E.164 phone ({@code +263771234567}) or by the user's BSUID ({@code ZW.1234567890}),
 * told apart by format: a BSUID starts with a two-letter region and a dot, a phone with {@code +}. Phones are
 * normalised with libphonenumber; a BSUID is kept as it is (it is opaque).
 */
public final class Recipients {

    private Recipients() {
    }

    /** The recipient as the platform stores it, or empty when it is neither a valid phone nor a BSUID. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String value = raw.strip();
        return Bsuid.isBsuid(value) ? Optional.of(value) : PhoneNumbers.toE164(value);
    }
}
