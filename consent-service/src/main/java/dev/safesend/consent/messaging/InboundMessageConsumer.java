package dev.safesend.consent.messaging;

import dev.safesend.consent.mapping.ConsentEventMapper;
import dev.safesend.consent.service.SignalService;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.servicekit.store.TransientStoreFailure;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** wa.inbound-messages.v1: STOP/START keywords and opt-out buttons; every message updates the contact's last inbound time. */
@ApplicationScoped
public class InboundMessageConsumer {

    private final SignalService signals;
    private final ConsentEventMapper mapper;
    private final MeterRegistry metrics;

    public InboundMessageConsumer(SignalService signals, ConsentEventMapper mapper, MeterRegistry metrics) {
        this.signals = signals;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("inbound-messages-in")
    @Blocking
    @Retry(maxRetries = -1, maxDuration = 0, delay = 200, jitter = 100) // until the database is back: see ConsumedRecord
    @ExponentialBackoff(maxDelay = 10_000)
    @RetryWhen(exception = TransientStoreFailure.class)
    public void onInboundMessageReceived(InboundMessageReceived event) {
        ConsumedRecord.handle(metrics, "InboundMessageReceived", event, () -> outcome(signals.onInbound(mapper.toDomain(event))));
    }

    static String outcome(SignalService.Outcome o) {
        return switch (o) {
            case DUPLICATE -> "duplicate";
            case NOT_A_SIGNAL -> "skipped";
            default -> "success";
        };
    }
}
