package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.SendOutcome;
import dev.safesend.dispatch.domain.gate.GateDecision;
import dev.safesend.servicekit.tracing.MessageTraces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

import java.util.concurrent.TimeUnit;

/**
 * dispatch's spans of a message, in the message's trace (service-kit's {@link MessageTraces}: trace id = messageId,
 * parent = ingest's root span), which the lanes' raw Kafka consumer could not carry: the gate's decision (from the
 * lane record's arrival to the decision) and each Cloud API call (to Meta's answer). Never the recipient.
 */
final class DispatchSpans {

    private final Tracer tracer;
    private final boolean on;

    /** @param on false when the SDK is off (everywhere but %prod): then no span is built, nothing is parsed per message */
    DispatchSpans(Tracer tracer, boolean on) {
        this.tracer = tracer;
        this.on = on;
    }

    /** The gate decided on a message taken from its lane: a span from the record's arrival until now. */
    void gated(QueuedSend q, String senderId, GateDecision decision) {
        if (!on) {
            return;
        }
        String reason = null;
        if (decision instanceof GateDecision.Skip skip) {
            reason = skip.reason();
        } else if (decision instanceof GateDecision.Stop stop) {
            reason = stop.outcome().name() + ": " + stop.reason();
        } else if (decision instanceof GateDecision.Defer defer) {
            reason = defer.reason();
        }
        long now = MessageTraces.epochNanosNow();
        SpanBuilder span = message("dispatch gate", SpanKind.CONSUMER, q, senderId)
                .setStartTimestamp(now - Math.max(0, System.nanoTime() - q.enqueuedNanos()), TimeUnit.NANOSECONDS)
                .setAttribute("safesend.gate.decision", decision.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT));
        if (reason != null) {
            span.setAttribute("safesend.gate.reason", reason);
        }
        span.startSpan().end(now, TimeUnit.NANOSECONDS);
    }

    /** A Cloud API call starts; made current while the call is started, so the REST client's span is its child. */
    Span calling(QueuedSend q, String senderId) {
        if (!on) {
            return Span.getInvalid();
        }
        return message("cloud-api send", SpanKind.CLIENT, q, senderId)
                .setAttribute("safesend.attempt", (long) q.attempts() + 1).startSpan();
    }

    /** Meta's answer (or none) ends the call's span. */
    static void answered(Span span, SendOutcome outcome) {
        if (!span.isRecording()) {
            return; // tracing off, or this message not sampled
        }
        if (outcome instanceof SendOutcome.Accepted a) {
            span.setAttribute("safesend.outcome", "ACCEPTED").setAttribute("safesend.wamid", a.wamid());
        } else if (outcome instanceof SendOutcome.Refused r) {
            span.setAttribute("safesend.outcome", "REFUSED").setAttribute("http.response.status_code", (long) r.httpStatus());
            if (r.errorCode() != null) {
                span.setAttribute("safesend.error.code", r.errorCode().longValue());
            }
            span.setStatus(StatusCode.ERROR, "refused: " + r.errorCode() + " " + r.title());
        } else if (outcome instanceof SendOutcome.Uncertain u) {
            span.setAttribute("safesend.outcome", "UNCERTAIN").setStatus(StatusCode.ERROR, u.why());
        }
        span.end();
    }

    private SpanBuilder message(String name, SpanKind kind, QueuedSend q, String senderId) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(MessageTraces.parent(q.send().messageId()))
                .setAttribute(MessageTraces.MESSAGE_ID, q.send().messageId())
                .setAttribute(MessageTraces.SENDER_ID, senderId)
                .setAttribute("safesend.lane", q.lane().wire());
    }
}
