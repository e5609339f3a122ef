package dev.safesend.consent.messaging;

import dev.safesend.consent.mapping.ConsentEventMapper;
import dev.safesend.consent.service.SignalService;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.servicekit.store.TransientStoreFailure;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** wa.message-events.v1: FAILED with 131050 is a marketing opt-out; SENT sets the contact's last-contacted time. */
@ApplicationScoped
public class MessageEventConsumer {

    private final SignalService signals;
    private final ConsentEventMapper mapper;
    private final MeterRegistry metrics;

    public MessageEventConsumer(SignalService signals, ConsentEventMapper mapper, MeterRegistry metrics) {
        this.signals = signals;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("message-events-in")
    @Blocking
    @Retry(maxRetries = -1, maxDuration = 0, delay = 200, jitter = 100) // until the database is back: see ConsumedRecord
    @ExponentialBackoff(maxDelay = 10_000)
    @RetryWhen(exception = TransientStoreFailure.class)
    public void onMessageStatusChanged(MessageStatusChanged event) {
        ConsumedRecord.handle(metrics, "MessageStatusChanged", event,
                () -> InboundMessageConsumer.outcome(signals.onDelivery(mapper.toDomain(event))));
    }
}
