package dev.safesend.ingest.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Message ids. A request that carries an idempotency key (REST {@code Idempotency-Key}, a Kafka request's
 * {@code requestId}) gets an id that follows from the key, so a retry after a crash that lost the key's commit (the
 * message already published and acknowledged by Kafka) publishes the same id again and dispatch's send ledger, which
 * claims by message id, sends it once. A request without a key gets a random id.
 *
 * <p>Keyed ids are name-based version 5 (SHA-1) UUIDs of the key's scope, the key, the request's fingerprint, a
 * generation and the message's index in its request: two different requests never share an id, even under the same
 * key. The generation tells apart uses of one key for the same request that are meant as new requests (the key reused
 * after its 24 h): the caller takes the first generation none of whose ids was recorded. Campaign ids are version 3
 * (CampaignMessages), random ids version 4, so the three kinds never collide and can be told apart.
 */
public final class MessageIds {

    /** The namespace of keyed message ids (a fixed random UUID). */
    static final UUID KEYED = UUID.fromString("4f0d5a8e-2a77-4c5e-9b1f-6f3c9e2d7b10");

    private MessageIds() {
    }

    /**
     * The id of message {@code index} of a keyed request.
     *
     * @param scope       where the key lives (the idempotency store's scope: rest, batch, kafka)
     * @param key         the idempotency key or request id
     * @param fingerprint the request's {@link RequestFingerprint}
     * @param generation  0, unless the key was used for the same request before and that one was recorded
     * @param index       the message's position in its request (0 for a single message)
     */
    public static String forKey(String scope, String key, String fingerprint, int generation, int index) {
        if (scope == null || key == null || fingerprint == null || generation < 0 || index < 0) {
            throw new IllegalArgumentException("scope, key and fingerprint are required; generation and index are not negative");
        }
        return nameBased(KEYED, length(scope) + scope + length(key) + key + length(fingerprint) + fingerprint
                + '/' + generation + '#' + index);
    }

    /** The id of a message whose request has no key. */
    public static String random() {
        return UUID.randomUUID().toString();
    }

    private static String length(String part) {
        return part.length() + ":";
    }

    /** RFC 9562 §5.5: SHA-1 of the namespace and the name, version 5, variant 10. */
    static String nameBased(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                    .putLong(namespace.getLeastSignificantBits()).array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bits.getLong(), bits.getLong()).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }
}
