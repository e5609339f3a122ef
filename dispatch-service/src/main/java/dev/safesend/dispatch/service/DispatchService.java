package dev.safesend.dispatch.service;

import dev.safesend.dispatch.client.CloudApiClient;
import dev.safesend.dispatch.domain.LedgerClaim;
import dev.safesend.dispatch.domain.OutboundSend;
import dev.safesend.dispatch.domain.SendOutcome;
import dev.safesend.dispatch.mapping.CloudApiMapper;
import dev.safesend.dispatch.messaging.MessageEventProducer;
import dev.safesend.dispatch.repository.SendLedgerRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * Sends one message from a sender's lane: expiry check, send ledger (never twice), the Cloud API
 * call with {@code biz_opaque_callback_data = messageId}, and the resulting event. The full gate
 * (consent, windows, pacing, error policy) is built on this path.
 */
@ApplicationScoped
public class DispatchService {

    /** What dispatch did with one message (for the processed metric and the log). */
    public enum Result { SUBMITTED, FAILED, EXPIRED, DUPLICATE }

    private final SendLedgerRepository ledger;
    private final CloudApiClient cloudApi;
    private final CloudApiMapper requests;
    private final MessageEventProducer events;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    public DispatchService(SendLedgerRepository ledger, CloudApiClient cloudApi, CloudApiMapper requests,
                           MessageEventProducer events, MeterRegistry metrics) {
        this.ledger = ledger;
        this.cloudApi = cloudApi;
        this.requests = requests;
        this.events = events;
        this.metrics = metrics;
    }

    public Result dispatch(OutboundSend send) {
        Instant now = clock.instant();
        if (send.isExpiredAt(now)) {
            events.expired(send, now);
            metrics.counter(DispatchMetrics.MESSAGES_EXPIRED).increment();
            return Result.EXPIRED;
        }
        if (ledger.claim(send.messageId(), send.senderId(), now) == LedgerClaim.ALREADY_SENT_OR_SENDING) {
            Log.infof("skipped messageId=%s senderId=%s: already in the send ledger", send.messageId(), send.senderId());
            return Result.DUPLICATE;
        }
        Timer.Sample call = Timer.start(metrics);
        SendOutcome outcome = cloudApi.send(send.senderId(), requests.toSendRequest(send));
        call.stop(metrics.timer(DispatchMetrics.CLOUD_API_LATENCY));
        Instant settled = clock.instant();
        if (outcome instanceof SendOutcome.Accepted accepted) {
            ledger.submitted(send.messageId(), accepted.wamid(), settled);
            events.submitted(send, accepted, settled);
            metrics.counter(DispatchMetrics.MESSAGES_SUBMITTED).increment();
            Log.debugf("submitted messageId=%s senderId=%s wamid=%s", send.messageId(), send.senderId(), accepted.wamid());
            return Result.SUBMITTED;
        }
        SendOutcome.Refused refused = (SendOutcome.Refused) outcome;
        String reason = refused.errorCode() == null ? "NO_ANSWER" : "META_" + refused.errorCode();
        ledger.failed(send.messageId(), refused.errorCode(), settled);
        events.failed(send, refused, reason, settled);
        metrics.counter(DispatchMetrics.MESSAGES_FAILED, "reason", reason).increment();
        Log.infof("failed messageId=%s senderId=%s reason=%s (%s)", send.messageId(), send.senderId(), reason, refused.title());
        return Result.FAILED;
    }
}
