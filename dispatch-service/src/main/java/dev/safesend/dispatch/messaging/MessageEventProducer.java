package dev.safesend.dispatch.messaging;

import dev.safesend.dispatch.domain.OutboundSend;
import dev.safesend.dispatch.domain.SendOutcome;
import dev.safesend.dispatch.mapping.MessageEventMapper;
import dev.safesend.dispatch.service.MessageEvents;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.servicekit.tracing.MessageTraces;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Emits dispatch's message events (key: messageId), each with its message's trace as {@code traceparent} (service-kit's
 * MessageTraces); each stage completes when Kafka acknowledged the event.
 */
@ApplicationScoped
public class MessageEventProducer implements MessageEvents {

    private final DispatchProducer producer;
    private final MessageEventMapper mapper;
    private final AvroSerializer avro = new AvroSerializer();

    public MessageEventProducer(DispatchProducer producer, MessageEventMapper mapper) {
        this.producer = producer;
        this.mapper = mapper;
    }

    @Override
    public CompletionStage<Void> submitted(OutboundSend send, SendOutcome.Accepted accepted, Instant at) {
        return publish(mapper.submitted(send, accepted, at));
    }

    @Override
    public CompletionStage<Void> failed(OutboundSend send, SendOutcome.Refused refused, String reason, Instant at) {
        return publish(mapper.failed(send, refused, reason, at));
    }

    @Override
    public CompletionStage<Void> stopped(OutboundSend send, String status, String reason, Instant at) {
        return publish(mapper.stopped(send, status, reason, at));
    }

    @Override
    public CompletionStage<Void> deferred(OutboundSend send, Instant until, String reason, Instant at) {
        return publish(mapper.deferred(send, until, reason, at));
    }

    @Override
    public CompletionStage<Void> unknown(String messageId, String senderId, String recipient, String category, Instant at) {
        return publish(mapper.unknown(messageId, senderId, recipient, category, at));
    }

    /** Never throws: an event that cannot even be encoded fails its stage, so the caller's record stays uncommitted. */
    private CompletionStage<Void> publish(MessageStatusChanged event) {
        try {
            return producer.send(Topics.MESSAGE_EVENTS.topicName(), event.getMessageId(),
                    avro.serialize(Topics.MESSAGE_EVENTS.topicName(), event),
                    MessageTraces.traceparent(event.getMessageId()).map(t -> Map.of(MessageTraces.TRACEPARENT, t)).orElse(Map.of()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
