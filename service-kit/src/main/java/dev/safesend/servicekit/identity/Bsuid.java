package dev.safesend.servicekit.identity;

import java.util.regex.Pattern;

/**
 * Meta's business-scoped user id (BSUID): an ISO 3166 region code, a dot and up to 128 letters and digits
 * ({@code US.13491208655302741918}); a parent BSUID of linked portfolios has {@code ENT.} after the region
 * ({@code US.ENT.…}). Opaque otherwise: never parsed for meaning beyond its region. A user address in safesend is
 * either an E.164 phone (starts with {@code +}) or a BSUID (starts with two capital letters and a dot), so the two
 * are told apart by their first character alone.
 */
public final class Bsuid {

    /** The longest BSUID: region (2), dot, {@code ENT.} (4), 128 alphanumerics. Columns holding an address are at least this wide. */
    public static final int MAX_LENGTH = 2 + 1 + 4 + 128;

    private static final Pattern FORMAT = Pattern.compile("[A-Z]{2}\\.(?:ENT\\.)?[A-Za-z0-9]{1,128}");

    private Bsuid() {
    }

    /** True when {@code value} is written as a BSUID (or a parent BSUID). */
    public static boolean isBsuid(String value) {
        return value != null && value.length() <= MAX_LENGTH && value.length() > 3 && value.charAt(2) == '.'
                && FORMAT.matcher(value).matches();
    }

    /** True for a parent BSUID ({@code US.ENT.…}). */
    public static boolean isParent(String value) {
        return isBsuid(value) && value.startsWith("ENT.", 3);
    }

    /** The ISO 3166 region a BSUID starts with ({@code US} of {@code US.1349…}). */
    public static String region(String bsuid) {
        if (!isBsuid(bsuid)) {
            throw new IllegalArgumentException("not a BSUID");
        }
        return bsuid.substring(0, 2);
    }

    /** {@code BR.88****71}: enough to tell two apart in a log line, not enough to be the id. */
    public static String mask(String bsuid) {
        if (bsuid == null || bsuid.length() < 9) {
            return "**";
        }
        return bsuid.substring(0, 5) + "****" + bsuid.substring(bsuid.length() - 2);
    }
}
