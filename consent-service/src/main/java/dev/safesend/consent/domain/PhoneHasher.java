package dev.safesend.consent.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * HMAC-SHA256 of an E.164 number with a secret salt: what the suppression list keeps of an erased number. Without the
 * salt the hash cannot be reversed by enumerating the (small) space of phone numbers.
 * <p>
 * RFC 2104 computed from SHA-256 states that already absorbed the padded key (inner and outer), copied for each number:
 * two compressions per number instead of the four of {@code javax.crypto.Mac}, which absorbs the key again every time
 * (an import hashes every number it reads).
 */
public final class PhoneHasher {

    private static final int BLOCK = 64;
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest inner;
    private final MessageDigest outer;

    public PhoneHasher(String salt) {
        if (salt == null || salt.length() < 16) {
            throw new IllegalArgumentException("the phone hash salt must have at least 16 characters");
        }
        byte[] key = salt.getBytes(StandardCharsets.UTF_8);
        if (key.length > BLOCK) {
            key = sha256().digest(key);
        }
        key = Arrays.copyOf(key, BLOCK);
        byte[] ipad = new byte[BLOCK];
        byte[] opad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            ipad[i] = (byte) (key[i] ^ 0x36);
            opad[i] = (byte) (key[i] ^ 0x5c);
        }
        inner = sha256();
        inner.update(ipad);
        outer = sha256();
        outer.update(opad);
    }

    /** Lower-case hex of HMAC-SHA256(salt, e164). Thread-safe: the keyed states are only ever copied. */
    public String hash(String e164) {
        MessageDigest in = copy(inner);
        byte[] innerHash = in.digest(e164.getBytes(StandardCharsets.UTF_8));
        MessageDigest out = copy(outer);
        return HEX.formatHex(out.digest(innerHash));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static MessageDigest copy(MessageDigest keyed) {
        try {
            return (MessageDigest) keyed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 state cannot be copied", e);
        }
    }
}
