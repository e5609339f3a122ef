package dev.safesend.analytics.messaging;

import dev.safesend.analytics.domain.ContactLink;
import dev.safesend.analytics.domain.MessageFact;
import dev.safesend.analytics.mapping.AttributionEventMapper;
import dev.safesend.analytics.service.TouchpointService;
import dev.safesend.schemas.message.MessageStatusChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * wa.message-events.v1 for attribution (group analytics-attribution, batches, apart from the timeline's consumer):
 * campaign messages (name-based ids) become touchpoints once delivered; statuses naming a phone and a BSUID link them.
 */
@ApplicationScoped
public class TouchpointConsumer {

    private final TouchpointService touchpoints;
    private final AttributionEventMapper mapper;
    private final MeterRegistry metrics;

    public TouchpointConsumer(TouchpointService touchpoints, AttributionEventMapper mapper, MeterRegistry metrics) {
        this.touchpoints = touchpoints;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    /** A status as attribution reads it: the campaign message fact, and the phone/BSUID link it names. */
    record Status(MessageFact fact, ContactLink link) {
    }

    @Incoming("attribution-message-events-in")
    @Blocking
    public CompletionStage<Void> onMessageStatusChanged(KafkaRecordBatch<String, MessageStatusChanged> batch) {
        return BatchIntake.take(batch, "MessageStatusChanged", e -> {
            Status s = new Status(mapper.fact(e), mapper.link(e));
            return s.fact() == null && s.link() == null ? null : s;
        }, statuses -> {
            touchpoints.record(statuses.stream().map(Status::fact).filter(Objects::nonNull).toList(),
                    statuses.stream().map(Status::link).filter(Objects::nonNull).toList());
            return statuses.size(); // facts merge: a repeated one is applied again and changes nothing
        }, metrics);
    }

}
