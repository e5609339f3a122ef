package dev.safesend.ingest.messaging;

import dev.safesend.ingest.domain.AcceptedMessage;
import dev.safesend.ingest.domain.Lane;
import dev.safesend.ingest.domain.MessageRequest;
import dev.safesend.ingest.domain.Violation;
import dev.safesend.ingest.mapping.MessageEventMapper;
import dev.safesend.ingest.service.OutboundPublisher;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.OutboundMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Publishes accepted messages to their sender's lane (key: senderId) with their ACCEPTED events, and REJECTED events. */
@ApplicationScoped
public class OutboundProducer implements OutboundPublisher {

    /** Room for a full batch (1,000 lane records + 1,000 events) or a full webhook (1,000 updates) at once. */
    static final long BUFFER = 16_384;

    private final Emitter<OutboundMessage> urgent;
    private final Emitter<OutboundMessage> bulk;
    private final Emitter<MessageStatusChanged> events;
    private final MessageEventMapper mapper;

    public OutboundProducer(@Channel("outbound-urgent-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
                            Emitter<OutboundMessage> urgent,
                            @Channel("outbound-bulk-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
                            Emitter<OutboundMessage> bulk,
                            @Channel("message-events-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
                            Emitter<MessageStatusChanged> events,
                            MessageEventMapper mapper) {
        this.urgent = urgent;
        this.bulk = bulk;
        this.events = events;
        this.mapper = mapper;
    }

    @Override
    public CompletableFuture<Void> publishAll(List<AcceptedMessage> accepted, String requestId) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(accepted.size() * 2);
        for (AcceptedMessage a : accepted) {
            Emitter<OutboundMessage> lane = a.lane() == Lane.URGENT ? urgent : bulk;
            acks.add(Acknowledged.send(lane, mapper.toOutbound(a, requestId), a.senderId()));
            acks.add(Acknowledged.send(events, mapper.accepted(a, requestId), a.messageId()));
        }
        return Acknowledged.all(acks);
    }

    @Override
    public CompletableFuture<Void> publishRejected(String messageId, String requestId, MessageRequest request, List<Violation> violations) {
        return Acknowledged.send(events, mapper.rejected(messageId, requestId, request, violations), messageId);
    }
}
