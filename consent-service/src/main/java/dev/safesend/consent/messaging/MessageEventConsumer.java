package dev.safesend.consent.messaging;

import dev.safesend.consent.mapping.ConsentEventMapper;
import dev.safesend.consent.service.SignalService;
import dev.safesend.schemas.message.MessageStatusChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
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
    public void onMessageStatusChanged(MessageStatusChanged event) {
        ConsumedRecord.handle(metrics, "MessageStatusChanged", event,
                () -> InboundMessageConsumer.outcome(signals.onDelivery(mapper.toDomain(event))));
    }
}
