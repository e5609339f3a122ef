package dev.safesend.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SHA-256 over the meaning of a request (not its JSON spelling: key order, spacing and number formats do not
 * matter), so a reused idempotency key can be told from a retry: same fingerprint = the same request.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    public static String of(String kind, List<MessageRequest> requests) {
        StringBuilder canonical = new StringBuilder(kind).append('\u0001');
        for (MessageRequest r : requests) {
            append(canonical, r);
            canonical.append('\u0002');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static void append(StringBuilder out, MessageRequest r) {
        if (r == null) {
            out.append("null");
            return;
        }
        field(out, r.recipient());
        field(out, r.project());
        field(out, r.category());
        field(out, r.text());
        TemplateRef t = r.template();
        if (t != null) {
            field(out, t.name());
            field(out, t.language());
            field(out, t.bodyParameters());
            field(out, new TreeMap<>(t.namedParameters()));
            field(out, t.headerText());
            field(out, t.headerMedia());
            field(out, t.buttons());
        } else {
            field(out, "no-template");
        }
        field(out, r.campaignId());
        field(out, r.sendAfter());
        field(out, r.expiresAt());
        field(out, r.clientReference());
        field(out, new TreeMap<>(r.metadata()));
    }

    private static void field(StringBuilder out, Object value) {
        String s = value == null ? "\u0000" : value instanceof Map<?, ?> m ? new TreeMap<>(m).toString() : value.toString();
        out.append(s.length()).append(':').append(s).append('|');
    }
}
