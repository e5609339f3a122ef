package dev.safesend.simulator.domain;

import java.util.regex.Pattern;

/**
 * A range of recipient phones: either every number from {@code from} to {@code to} inclusive, the
 * E.164 digits compared as numbers, or every number starting with {@code prefix}. Digits without "+".
 */
public record RecipientRange(String from, String to, String prefix) {

    private static final Pattern PHONE = Pattern.compile("\\d{7,15}");
    private static final Pattern PREFIX = Pattern.compile("\\d{1,15}");

    public RecipientRange {
        if (prefix != null) {
            if (from != null || to != null) {
                throw new IllegalArgumentException("a range is either from/to or a prefix, not both");
            }
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("a prefix is 1 to 15 digits, got '" + prefix + "'");
            }
        } else {
            if (from == null || to == null) {
                throw new IllegalArgumentException("a range needs both 'from' and 'to', or a 'prefix'");
            }
            if (!PHONE.matcher(from).matches() || !PHONE.matcher(to).matches()) {
                throw new IllegalArgumentException("'from' and 'to' must be phone numbers in E.164 (7 to 15 digits)");
            }
            if (Long.parseLong(from) > Long.parseLong(to)) {
                throw new IllegalArgumentException("'from' (+" + from + ") is after 'to' (+" + to + ")");
            }
        }
    }

    /** Every phone from {@code fromDigits} to {@code toDigits}, both included. */
    public static RecipientRange between(String fromDigits, String toDigits) {
        return new RecipientRange(fromDigits, toDigits, null);
    }

    /** Every phone whose digits start with {@code digits}. */
    public static RecipientRange startingWith(String digits) {
        return new RecipientRange(null, null, digits);
    }

    public boolean isPrefix() {
        return prefix != null;
    }

    /** Whether the phone (digits, no "+") is in the range. */
    public boolean contains(String phoneDigits) {
        if (phoneDigits == null || !PHONE.matcher(phoneDigits).matches()) {
            return false;
        }
        if (prefix != null) {
            return phoneDigits.startsWith(prefix);
        }
        long phone = Long.parseLong(phoneDigits);
        return phone >= Long.parseLong(from) && phone <= Long.parseLong(to);
    }

    /**
     * The range's part of the behaviour hash: {@code "<from>-<to>"} or {@code "<prefix>*"}, digits
     * as given (see {@link PopulationSegment#roll(String)}).
     */
    public String key() {
        return prefix != null ? prefix + "*" : from + "-" + to;
    }
}
