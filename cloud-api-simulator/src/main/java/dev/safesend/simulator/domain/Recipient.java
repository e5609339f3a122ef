package dev.safesend.simulator.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A WhatsApp user as addressed in a send: {@code input} is what the caller wrote. Addressed by phone
 * ({@code to}), {@code waId} holds the digits Meta answers with ("263771234567") and {@code userId}
 * is null; addressed by BSUID ({@code recipient}), {@code userId} holds the BSUID and {@code waId}
 * is null.
 */
public record Recipient(String input, String waId, String userId) {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().]");
    private static final Pattern E164ISH = Pattern.compile("\\+?\\d{7,15}");

    public Recipient {
        if ((waId == null) == (userId == null)) {
            throw new IllegalArgumentException("a recipient is either a phone number or a BSUID");
        }
    }

    /** A recipient addressed by phone. */
    public Recipient(String input, String waId) {
        this(input, waId, null);
    }

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

    /** Parses a business-scoped user ID ({@code BR.8812093371}); surrounding blanks are ignored. */
    public static Optional<Recipient> parseUserId(String input) {
        if (input == null || !Bsuid.isBsuid(input.trim())) {
            return Optional.empty();
        }
        return Optional.of(new Recipient(input, null, input.trim()));
    }

    /** A BSUID or a phone number, in that order of checking. */
    public static Optional<Recipient> parseAny(String input) {
        return parseUserId(input).or(() -> parse(input));
    }

    public boolean isUserId() {
        return userId != null;
    }

    /** "+26377****567" or "BR.88****71": enough to correlate in logs without exposing the address. */
    public String masked() {
        return isUserId() ? Bsuid.mask(userId) : mask(waId);
    }

    public static String mask(String digits) {
        if (digits == null || digits.length() < 8) {
            return "+****";
        }
        return "+" + digits.substring(0, 5) + "****" + digits.substring(digits.length() - 3);
    }
}
