package dev.safesend.ingest.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Meta's {@code X-Hub-Signature-256}: {@code sha256=<hex HMAC-SHA256(raw body, app secret)>}, compared in constant
 * time. Verification compares raw digest bytes (the header's hex decoded once) and reuses one initialised Mac per
 * thread: no provider lookup, hex string or lower-cased copy per delivery.
 */
public final class WebhookSignature {

    private static final String PREFIX = "sha256=";
    private static final int DIGEST_HEX_LENGTH = 64;
    private static final ThreadLocal<KeyedMac> MACS = new ThreadLocal<>();

    private WebhookSignature() {
    }

    /** A Mac initialised with one secret; {@code doFinal} leaves it ready for the next body. */
    private record KeyedMac(String secret, Mac mac) {
    }

    public static String sign(byte[] body, String appSecret) {
        return PREFIX + HexFormat.of().formatHex(digest(body, appSecret));
    }

    public static boolean matches(byte[] body, String header, String appSecret) {
        if (header == null || !header.startsWith(PREFIX) || body == null) {
            return false;
        }
        String hex = header.strip().substring(PREFIX.length());
        if (hex.length() != DIGEST_HEX_LENGTH) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(digest(body, appSecret), given);
    }

    private static byte[] digest(byte[] body, String appSecret) {
        KeyedMac keyed = MACS.get();
        if (keyed == null || !keyed.secret().equals(appSecret)) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                keyed = new KeyedMac(appSecret, mac);
                MACS.set(keyed);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        }
        return keyed.mac().doFinal(body);
    }
}
