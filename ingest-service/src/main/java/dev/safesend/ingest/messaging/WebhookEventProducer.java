package dev.safesend.ingest.messaging;

import dev.safesend.ingest.domain.WebhookBatch;
import dev.safesend.ingest.mapping.MessageEventMapper;
import dev.safesend.schemas.account.AccountEventReceived;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.MessageStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Publishes a normalised webhook: statuses to message events, user messages to inbound, the rest to account events. */
@ApplicationScoped
public class WebhookEventProducer {

    private final Emitter<MessageStatusChanged> statuses;
    private final Emitter<InboundMessageReceived> inbound;
    private final Emitter<AccountEventReceived> account;
    private final MessageEventMapper mapper;

    public WebhookEventProducer(@Channel("message-events-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = OutboundProducer.BUFFER)
                                Emitter<MessageStatusChanged> statuses,
                                @Channel("inbound-messages-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = OutboundProducer.BUFFER)
                                Emitter<InboundMessageReceived> inbound,
                                @Channel("account-events-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = OutboundProducer.BUFFER)
                                Emitter<AccountEventReceived> account,
                                MessageEventMapper mapper) {
        this.statuses = statuses;
        this.inbound = inbound;
        this.account = account;
        this.mapper = mapper;
    }

    /** Sends every record of the batch at once; completes when Kafka has acknowledged all of them. */
    public CompletableFuture<Void> publish(WebhookBatch batch) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        batch.statuses().forEach(s -> acks.add(Acknowledged.send(statuses, mapper.status(s),
                s.messageId() != null ? s.messageId() : s.wamid())));
        batch.inbound().forEach(m -> acks.add(Acknowledged.send(inbound, mapper.inbound(m), m.waId())));
        batch.accountSignals().forEach(a -> acks.add(Acknowledged.send(account, mapper.account(a),
                a.senderId() != null ? a.senderId() : a.wabaId() == null ? "" : a.wabaId())));
        return Acknowledged.all(acks);
    }
}
