package dev.safesend.simulator.domain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * Meta's business-scoped user ID (BSUID): an ISO 3166 region code, a dot and up to 128 letters and
 * digits ({@code US.13491208655302741918}); a parent BSUID has {@code ENT.} after the region. It is
 * scoped to one business portfolio (here: one WABA), so a user has the same BSUID on every number of
 * a WABA and another one in another WABA. A new phone number gives the user new BSUIDs.
 *
 * <p>The simulator derives them deterministically: the region of the phone, a dot and 20 digits
 * taken from SHA-256 of {@code "<waba-id>+<phone digits>"}.
 */
public final class Bsuid {

    /** Region (2), dot, {@code ENT.} (4), 128 alphanumerics. */
    public static final int MAX_LENGTH = 2 + 1 + 4 + 128;

    private static final Pattern FORMAT = Pattern.compile("[A-Z]{2}\\.(?:ENT\\.)?[A-Za-z0-9]{1,128}");
    private static final Pattern REGION = Pattern.compile("[A-Z]{2}");
    private static final BigInteger TWENTY_DIGITS = BigInteger.TEN.pow(20);

    private Bsuid() {
    }

    /** True when {@code value} is written as a BSUID (or a parent BSUID). */
    public static boolean isBsuid(String value) {
        return value != null && value.length() > 3 && value.length() <= MAX_LENGTH && value.charAt(2) == '.'
                && FORMAT.matcher(value).matches();
    }

    /**
     * The BSUID of the user at {@code seed} in {@code wabaId}. {@code seed} is the phone in E.164
     * ({@code +5511…}), with {@code #n} appended when the number had n earlier owners.
     */
    public static String derive(String wabaId, String seed, String region) {
        String prefix = region != null && REGION.matcher(region).matches() ? region : "US";
        byte[] digest = sha256(wabaId + seed);
        String digits = new BigInteger(1, digest).mod(TWENTY_DIGITS).toString();
        return prefix + "." + "0".repeat(20 - digits.length()) + digits;
    }

    /** {@code BR.88****71}: enough to tell two apart in a log line, not enough to be the id. */
    public static String mask(String bsuid) {
        if (bsuid == null || bsuid.length() < 9) {
            return "**";
        }
        return bsuid.substring(0, 5) + "****" + bsuid.substring(bsuid.length() - 2);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
