package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.OutboundSend;
import dev.safesend.dispatch.domain.SendOutcome;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Dispatch's message events on wa.message-events.v1 (key: messageId), as the pacing and reconciliation use them;
 * implemented in messaging. Each stage completes when Kafka acknowledged the event and fails (never throws) when it
 * cannot be published, so the caller's record stays uncommitted.
 */
public interface MessageEvents {

    CompletionStage<Void> submitted(OutboundSend send, SendOutcome.Accepted accepted, Instant at);

    CompletionStage<Void> failed(OutboundSend send, SendOutcome.Refused refused, String reason, Instant at);

    /** EXPIRED, SUPPRESSED or REJECTED by the gate, with the reason. */
    CompletionStage<Void> stopped(OutboundSend send, String status, String reason, Instant at);

    CompletionStage<Void> deferred(OutboundSend send, Instant until, String reason, Instant at);

    /** A send whose outcome could not be learned in time. */
    CompletionStage<Void> unknown(String messageId, String senderId, String recipient, String category, Instant at);
}
