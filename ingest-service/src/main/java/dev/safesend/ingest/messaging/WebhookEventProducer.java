package dev.safesend.ingest.messaging;

import dev.safesend.ingest.domain.WebhookBatch;
import dev.safesend.ingest.mapping.MessageEventMapper;
import dev.safesend.schemas.account.AccountEventReceived;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.MessageStatusChanged;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.util.ArrayList;
import java.util.List;

import static dev.safesend.ingest.messaging.OutboundProducer.keyed;

/** Publishes a normalised webhook: statuses to message events, user messages to inbound, the rest to account events. */
@ApplicationScoped
public class WebhookEventProducer {

    private final MutinyEmitter<MessageStatusChanged> statuses;
    private final MutinyEmitter<InboundMessageReceived> inbound;
    private final MutinyEmitter<AccountEventReceived> account;
    private final MessageEventMapper mapper;

    public WebhookEventProducer(@Channel("message-events-out") MutinyEmitter<MessageStatusChanged> statuses,
                                @Channel("inbound-messages-out") MutinyEmitter<InboundMessageReceived> inbound,
                                @Channel("account-events-out") MutinyEmitter<AccountEventReceived> account,
                                MessageEventMapper mapper) {
        this.statuses = statuses;
        this.inbound = inbound;
        this.account = account;
        this.mapper = mapper;
    }

    /** Sends every record of the batch at once and completes when Kafka has acknowledged all of them. */
    public Uni<Void> publish(WebhookBatch batch) {
        List<Uni<Void>> acks = new ArrayList<>(batch.size());
        batch.statuses().forEach(s -> acks.add(statuses.sendMessage(
                keyed(mapper.status(s), s.messageId() != null ? s.messageId() : s.wamid()))));
        batch.inbound().forEach(m -> acks.add(inbound.sendMessage(keyed(mapper.inbound(m), m.waId()))));
        batch.accountSignals().forEach(a -> acks.add(account.sendMessage(
                keyed(mapper.account(a), a.senderId() != null ? a.senderId() : a.wabaId()))));
        return acks.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(acks).andFailFast().replaceWithVoid();
    }
}
