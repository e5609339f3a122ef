package dev.safesend.analytics.rest;

import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Query parameters read by hand, so a bad one is a 400 problem naming it (not JAX-RS's bare 404). */
final class QueryParams {

    private QueryParams() {
    }

    static ProblemException invalid(String field, String code, String message) {
        return ProblemException.validation(field + ": " + message, List.of(new Problem.FieldError(field, code, message)));
    }

    static int integer(String field, String raw, int absent, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        try {
            int v = Integer.parseInt(raw.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(field, "out_of_range", "a whole number from " + min + " to " + max);
    }

    /** A UTC day {@code YYYY-MM-DD}, or {@code absent} when not given. */
    static LocalDate day(String field, String raw, LocalDate absent) {
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw invalid(field, "invalid_date", "a UTC day as YYYY-MM-DD, got '" + raw + "'");
        }
    }
}
