package dev.safesend.simulator.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A WhatsApp user as addressed in a send: {@code input} is what the caller wrote ("+263771234567"),
 * {@code waId} the digits Meta answers with ("263771234567").
 */
public record Recipient(String input, String waId) {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().]");
    private static final Pattern E164ISH = Pattern.compile("\\+?\\d{7,15}");

    /** Parses a phone number written with or without "+", spaces, dashes or parentheses. */
    public static Optional<Recipient> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String compact = SEPARATORS.matcher(input.trim()).replaceAll("");
        if (!E164ISH.matcher(compact).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Recipient(input, compact.startsWith("+") ? compact.substring(1) : compact));
    }

    /** "+26377****567": enough to correlate in logs without exposing the number. */
    public String masked() {
        return mask(waId);
    }

    public static String mask(String digits) {
        if (digits == null || digits.length() < 8) {
            return "+****";
        }
        return "+" + digits.substring(0, 5) + "****" + digits.substring(digits.length() - 3);
    }
}
