package dev.safesend.ingest.messaging;

import dev.safesend.ingest.domain.AcceptedMessage;
import dev.safesend.ingest.domain.Lane;
import dev.safesend.ingest.mapping.MessageEventMapper;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.OutboundMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes accepted messages to their sender's lane (key: senderId) and their ACCEPTED event. */
@ApplicationScoped
public class OutboundProducer {

    private final MutinyEmitter<OutboundMessage> urgent;
    private final MutinyEmitter<OutboundMessage> bulk;
    private final MutinyEmitter<MessageStatusChanged> events;
    private final MessageEventMapper mapper;

    public OutboundProducer(@Channel("outbound-urgent-out") MutinyEmitter<OutboundMessage> urgent,
                            @Channel("outbound-bulk-out") MutinyEmitter<OutboundMessage> bulk,
                            @Channel("message-events-out") MutinyEmitter<MessageStatusChanged> events,
                            MessageEventMapper mapper) {
        this.urgent = urgent;
        this.bulk = bulk;
        this.events = events;
        this.mapper = mapper;
    }

    /** Completes when Kafka has acknowledged both records. */
    public Uni<Void> publish(AcceptedMessage accepted) {
        MutinyEmitter<OutboundMessage> lane = accepted.lane() == Lane.URGENT ? urgent : bulk;
        return lane.sendMessage(keyed(mapper.toOutbound(accepted), accepted.senderId()))
                .chain(() -> events.sendMessage(keyed(mapper.accepted(accepted), accepted.messageId())));
    }

    static <T> Message<T> keyed(T payload, String key) {
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    }
}
