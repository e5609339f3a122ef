package dev.safesend.servicekit.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;

import java.util.Optional;
import java.util.UUID;

/**
 * One trace per message, across hops that cannot carry a context: a message's trace id is its {@code messageId}
 * (a UUID is 128 bits, as a trace id is) and its root span's id follows from it too. ingest starts the root span
 * with both ids ({@link #startRoot}); anything later that knows the messageId (dispatch's lanes, read by a raw Kafka
 * consumer; Meta's status webhook, which comes back with the messageId as {@code biz_opaque_callback_data} and no
 * trace context) starts its spans under {@link #parent} and lands in the same trace, in any service, without a
 * lookup. Records about a message carry the root as a W3C {@code traceparent} header ({@link #traceparent}) for
 * consumers that do not know this rule. A messageId that is not a UUID (a status Meta sent without our callback data
 * is keyed by its wamid) has no message trace.
 */
public final class MessageTraces {

    /** The W3C trace context header, on Kafka records as on HTTP. */
    public static final String TRACEPARENT = "traceparent";
    public static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("safesend.message.id");
    public static final AttributeKey<String> SENDER_ID = AttributeKey.stringKey("safesend.sender.id");

    private static final ThreadLocal<SpanContext> PENDING_ROOT = new ThreadLocal<>();

    private MessageTraces() {
    }

    /** The message's trace id: its UUID's 32 hex digits; empty when the id is not a UUID. */
    public static Optional<String> traceId(String messageId) {
        return uuid(messageId).map(u -> hex(u.getMostSignificantBits()) + hex(u.getLeastSignificantBits()));
    }

    /** The message's root span, as a remote, sampled span context; empty when the id is not a UUID. */
    public static Optional<SpanContext> root(String messageId) {
        return uuid(messageId).map(u -> SpanContext.createFromRemoteParent(
                hex(u.getMostSignificantBits()) + hex(u.getLeastSignificantBits()), rootSpanId(u),
                TraceFlags.getSampled(), TraceState.getDefault()));
    }

    /** The context to start a span of the message under: its root; {@link Context#root()} (a new trace) without one. */
    public static Context parent(String messageId) {
        return root(messageId).map(r -> Context.root().with(Span.wrap(r))).orElse(Context.root());
    }

    /** The {@code traceparent} header value naming the message's root span; empty when the id is not a UUID. */
    public static Optional<String> traceparent(String messageId) {
        return root(messageId).map(r -> "00-" + r.getTraceId() + "-" + r.getSpanId() + "-" + r.getTraceFlags().asHex());
    }

    /**
     * Starts the message's root span: no parent, trace id and span id from the messageId (through
     * {@link MessageTraceIds}, the SDK's id generator where this rule is used). Link the request that caused it on the
     * builder. A messageId that is not a UUID gets an ordinary root span.
     */
    public static Span startRoot(SpanBuilder builder, String messageId) {
        builder.setNoParent();
        Optional<SpanContext> root = root(messageId);
        if (root.isEmpty()) {
            return builder.startSpan();
        }
        PENDING_ROOT.set(root.get());
        try {
            return builder.startSpan();
        } finally {
            PENDING_ROOT.remove();
        }
    }

    /** The root being started on this thread, read by {@link MessageTraceIds}; null at any other time. */
    /** Now, in nanoseconds since the epoch: what span start and end timestamps take. */
    public static long epochNanosNow() {
        java.time.Instant now = java.time.Instant.now();
        return java.util.concurrent.TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }

    static SpanContext pendingRoot() {
        return PENDING_ROOT.get();
    }

    /** The root span id: both halves of the UUID folded into 64 bits (never zero, which W3C forbids). */
    private static String rootSpanId(UUID u) {
        long id = u.getMostSignificantBits() ^ u.getLeastSignificantBits();
        return hex(id == 0 ? 1 : id);
    }

    private static Optional<UUID> uuid(String messageId) {
        if (messageId == null || messageId.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID u = UUID.fromString(messageId);
            return u.getMostSignificantBits() == 0 && u.getLeastSignificantBits() == 0 ? Optional.empty() : Optional.of(u);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String hex(long v) {
        String h = Long.toHexString(v);
        return h.length() == 16 ? h : "0".repeat(16 - h.length()) + h;
    }
}
