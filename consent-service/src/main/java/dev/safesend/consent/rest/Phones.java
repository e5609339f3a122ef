package dev.safesend.consent.rest;

import dev.safesend.servicekit.identity.Bsuid;
import dev.safesend.servicekit.identity.InvalidPhoneNumberException;
import dev.safesend.servicekit.identity.PhoneNumbers;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;

import java.util.List;

/**
 * Path contact ids: an E.164 phone (URL-encoded {@code %2B…}; a bare {@code +} or digits only are accepted too) or a
 * BSUID ({@code ZW.1234567890}), told apart by format.
 */
final class Phones {

    private Phones() {
    }

    static String e164(String raw) {
        // an unencoded '+' arrives decoded as a space
        String value = raw != null && raw.startsWith(" ") ? "+" + raw.substring(1) : raw;
        if (Bsuid.isBsuid(value)) {
            return value;
        }
        try {
            return PhoneNumbers.normalise(value).e164();
        } catch (InvalidPhoneNumberException e) {
            throw ProblemException.validation("the contact id is neither a phone number nor a BSUID",
                    List.of(new Problem.FieldError("phone", e.code(), e.getMessage())));
        }
    }
}
