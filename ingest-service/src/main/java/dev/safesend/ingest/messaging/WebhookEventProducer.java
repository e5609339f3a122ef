package dev.safesend.ingest.messaging;

import dev.safesend.ingest.domain.WebhookBatch;
import dev.safesend.ingest.mapping.MessageEventMapper;
import dev.safesend.schemas.account.AccountEventReceived;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.MessageStatusChanged;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes a normalised webhook: statuses to message events, user messages to inbound, the rest to account events.
 * Statuses are the volume (Meta sends about three per outbound message, up to 1,000 per delivery): they go straight
 * to the {@code message-events-out} channel's Kafka producer (same producer, serializer and acks=all), counted down
 * by one callback. Through the emitter each record paid for a Message, a Mutiny pipeline, context clearing and a
 * hop to the sending thread, and its acknowledgement for another pipeline on the network thread: under JFR that was
 * about a fifth of the service's sampled CPU at 10,000 statuses/s. The answer still waits for every acknowledgement.
 */
@ApplicationScoped
public class WebhookEventProducer {

    static final String STATUS_CHANNEL = "message-events-out";
    static final String INBOUND_CHANNEL = "inbound-messages-out";

    private final KafkaClientService kafka;
    private final String statusTopic;
    private volatile Producer<String, MessageStatusChanged> statusProducer;
    private final String inboundTopic;
    private volatile Producer<String, InboundMessageReceived> inboundProducer;
    private final Emitter<InboundMessageReceived> inbound; // declares the channel; inbound messages go to its producer directly
    private final Emitter<AccountEventReceived> account;
    private final MessageEventMapper mapper;

    public WebhookEventProducer(KafkaClientService kafka,
                                @ConfigProperty(name = "mp.messaging.outgoing." + STATUS_CHANNEL + ".topic") String statusTopic,
                                @ConfigProperty(name = "mp.messaging.outgoing." + INBOUND_CHANNEL + ".topic") String inboundTopic,
                                @Channel("inbound-messages-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = OutboundProducer.BUFFER)
                                Emitter<InboundMessageReceived> inbound,
                                @Channel("account-events-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = OutboundProducer.BUFFER)
                                Emitter<AccountEventReceived> account,
                                MessageEventMapper mapper) {
        this.kafka = kafka;
        this.statusTopic = statusTopic;
        this.inboundTopic = inboundTopic;
        this.inbound = inbound;
        this.account = account;
        this.mapper = mapper;
    }

    /** Sends every record of the batch at once; completes when Kafka has acknowledged all of them. */
    public CompletableFuture<Void> publish(WebhookBatch batch) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.inbound().size() + batch.accountSignals().size() + 1);
        if (!batch.statuses().isEmpty()) {
            Producer<String, MessageStatusChanged> producer = statusProducer();
            if (producer == null) {
                acks.add(CompletableFuture.failedFuture(new IllegalStateException("the Kafka channel " + STATUS_CHANNEL
                        + " has not started")));
            } else {
                Acknowledged.Countdown statuses = new Acknowledged.Countdown(batch.statuses().size());
                batch.statuses().forEach(s -> statuses.send(producer, statusTopic,
                        s.messageId() != null ? s.messageId() : s.wamid(), mapper.status(s)));
                acks.add(statuses.acknowledged());
            }
        }
        if (!batch.inbound().isEmpty()) {
            // a burst of STOPs arrives as many one-message deliveries stored in shared rounds: straight to the
            // channel's producer too, one countdown for the round (the emitter stays: it declares the channel)
            Producer<String, InboundMessageReceived> producer = inboundProducer();
            if (producer == null) {
                acks.add(CompletableFuture.failedFuture(new IllegalStateException("the Kafka channel " + INBOUND_CHANNEL
                        + " has not started")));
            } else {
                Acknowledged.Countdown messages = new Acknowledged.Countdown(batch.inbound().size());
                batch.inbound().forEach(m -> messages.send(producer, inboundTopic, m.waId(), mapper.inbound(m)));
                acks.add(messages.acknowledged());
            }
        }
        batch.accountSignals().forEach(a -> acks.add(Acknowledged.send(account, mapper.account(a),
                a.senderId() != null ? a.senderId() : a.wabaId() == null ? "" : a.wabaId())));
        return Acknowledged.all(acks);
    }

    /** The inbound channel's Kafka producer; null while the channel has not started. */
    private Producer<String, InboundMessageReceived> inboundProducer() {
        Producer<String, InboundMessageReceived> producer = inboundProducer;
        if (producer == null) {
            io.smallrye.reactive.messaging.kafka.KafkaProducer<String, InboundMessageReceived> channel = kafka.getProducer(INBOUND_CHANNEL);
            if (channel != null) {
                producer = channel.unwrap();
                inboundProducer = producer;
            }
        }
        return producer;
    }

    /** The channel's Kafka producer; null while the channel has not started. */
    private Producer<String, MessageStatusChanged> statusProducer() {
        Producer<String, MessageStatusChanged> producer = statusProducer;
        if (producer == null) {
            io.smallrye.reactive.messaging.kafka.KafkaProducer<String, MessageStatusChanged> channel = kafka.getProducer(STATUS_CHANNEL);
            if (channel != null) {
                producer = channel.unwrap();
                statusProducer = producer;
            }
        }
        return producer;
    }
}
