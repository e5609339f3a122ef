package dev.safesend.consent.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * HMAC-SHA256 of an E.164 number with a secret salt: what the suppression list keeps of an erased number. Without the
 * salt the hash cannot be reversed by enumerating the (small) space of phone numbers.
 */
public final class PhoneHasher {

    private final ThreadLocal<Mac> macs;

    public PhoneHasher(String salt) {
        if (salt == null || salt.length() < 16) {
            throw new IllegalArgumentException("the phone hash salt must have at least 16 characters");
        }
        SecretKeySpec key = new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
    }

    /** Lower-case hex of HMAC-SHA256(salt, e164). */
    public String hash(String e164) {
        return HexFormat.of().formatHex(macs.get().doFinal(e164.getBytes(StandardCharsets.UTF_8)));
    }
}
