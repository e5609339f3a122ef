package dev.safesend.dispatch.messaging;

import dev.safesend.dispatch.config.DispatchConfig;
import dev.safesend.dispatch.domain.OutboundSend;
import dev.safesend.dispatch.domain.SendOutcome;
import dev.safesend.dispatch.mapping.MessageEventMapper;
import dev.safesend.schemas.message.MessageStatusChanged;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;

/** Emits dispatch's message events (key: messageId) and waits for Kafka's acknowledgement. */
@ApplicationScoped
public class MessageEventProducer {

    private final MutinyEmitter<MessageStatusChanged> events;
    private final MessageEventMapper mapper;
    private final DispatchConfig config;

    public MessageEventProducer(@Channel("message-events-out") MutinyEmitter<MessageStatusChanged> events,
                                MessageEventMapper mapper, DispatchConfig config) {
        this.events = events;
        this.mapper = mapper;
        this.config = config;
    }

    public void submitted(OutboundSend send, SendOutcome.Accepted accepted, Instant at) {
        publish(mapper.submitted(send, accepted, at));
    }

    public void failed(OutboundSend send, SendOutcome.Refused refused, String reason, Instant at) {
        publish(mapper.failed(send, refused, reason, at));
    }

    public void expired(OutboundSend send, Instant at) {
        publish(mapper.expired(send, at));
    }

    private void publish(MessageStatusChanged event) {
        events.sendMessage(Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.getMessageId()).build())).await().atMost(config.publishTimeout());
    }
}
