package dev.safesend.servicekit.content;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The one digest of what a recipient would read, for the 30-day identical-content rule: dispatch's gate records it in
 * its send ledger and compares it, and ingest's campaign forecast computes it for recipients not yet released, so the
 * two must agree to the bit. A template message digests its name, language, body parameter values in order (as they go
 * on the wire: positional values, or named values in their order) and header text; a free-form message its text.
 * Buttons and header media are not part of it. The first 16 bytes of SHA-256, in lower-case hex.
 *
 * <p>Changing what goes in changes every digest: marketing sent before the change would no longer count as identical
 * to what is sent after it, for up to the rule's window. {@code ContentDigestTest} pins known values for that reason.
 */
public final class ContentDigest {

    private ContentDigest() {
    }

    /** A template message's digest; null body parameters count as none, a null header text as the text "null". */
    public static String template(String name, String language, List<String> bodyParameters, String headerText) {
        String parameters = bodyParameters == null ? "" : String.join("\u0001", bodyParameters);
        return digest("tpl|" + name + "|" + language + "|" + parameters + "|" + headerText);
    }

    /** A free-form text message's digest. */
    public static String text(String body) {
        return digest("text|" + body);
    }

    private static String digest(String content) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
