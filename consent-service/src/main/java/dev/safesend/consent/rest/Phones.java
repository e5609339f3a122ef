package dev.safesend.consent.rest;

import dev.safesend.consent.domain.InvalidPhoneNumberException;
import dev.safesend.consent.domain.PhoneNumbers;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;

import java.util.List;

/** Path phone numbers: E.164 (URL-encoded {@code %2B…}; a bare {@code +} or digits only are accepted too). */
final class Phones {

    private Phones() {
    }

    static String e164(String raw) {
        // an unencoded '+' arrives decoded as a space
        String value = raw != null && raw.startsWith(" ") ? "+" + raw.substring(1) : raw;
        try {
            return PhoneNumbers.normalise(value).e164();
        } catch (InvalidPhoneNumberException e) {
            throw ProblemException.validation("the phone number cannot be normalised",
                    List.of(new Problem.FieldError("phone", e.code(), e.getMessage())));
        }
    }
}
