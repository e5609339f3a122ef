package dev.safesend.ingest.messaging;

import dev.safesend.ingest.domain.InboundMessage;
import dev.safesend.ingest.domain.WebhookBatch;
import dev.safesend.ingest.mapping.MessageEventMapper;
import dev.safesend.ingest.service.WebhookEvents;
import dev.safesend.schemas.account.AccountEventReceived;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.servicekit.tracing.MessageTraces;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Publishes a normalised webhook: statuses to message events, user messages to inbound, the rest to account events.
 * Statuses are the volume (Meta sends about three per outbound message, up to 1,000 per delivery): they go straight
 * to the {@code message-events-out} channel's Kafka producer (same producer, serializer and acks=all), counted down
 * by one callback. Through the emitter each record paid for a Message, a Mutiny pipeline, context clearing and a
 * hop to the sending thread, and its acknowledgement for another pipeline on the network thread: under JFR that was
 * about a fifth of the service's sampled CPU at 10,000 statuses/s. Inbound messages take the same way to their channel's
 * producer: a campaign's burst of STOPs arrives as hundreds of one-message deliveries a second, stored and published in
 * shared rounds. The answer still waits for every acknowledgement.
 */
@ApplicationScoped
public class WebhookEventProducer implements WebhookEvents {

    static final String STATUS_CHANNEL = "message-events-out";
    static final String INBOUND_CHANNEL = "inbound-messages-out";

    private final KafkaClientService kafka;
    private final String statusTopic;
    private final String inboundTopic;
    private final Map<String, Producer<String, ?>> producers = new ConcurrentHashMap<>();
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

    @Override
    public CompletableFuture<Void> publish(WebhookBatch batch) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.inbound().size() + batch.accountSignals().size() + 1);
        // statuses are the volume; inbound messages come as a burst of one-message deliveries stored in shared rounds
        // (a campaign's STOPs): both straight to their channel's producer, one countdown each
        if (!batch.statuses().isEmpty()) {
            acks.add(sendAll(STATUS_CHANNEL, statusTopic, batch.statuses(), s -> s.messageId() != null ? s.messageId() : s.wamid(),
                    mapper::status, s -> MessageTraces.traceparent(s.messageId()).orElse(null)));
        }
        if (!batch.inbound().isEmpty()) {
            acks.add(sendAll(INBOUND_CHANNEL, inboundTopic, batch.inbound(), InboundMessage::partitionKey, mapper::inbound, m -> null));
        }
        batch.accountSignals().forEach(a -> acks.add(Acknowledged.send(account, mapper.account(a),
                a.senderId() != null ? a.senderId() : a.wabaId() == null ? "" : a.wabaId())));
        return Acknowledged.all(acks);
    }

    /**
     * Sends every item to the channel's Kafka producer; completes when Kafka acknowledged them all. A status of one of
     * our messages carries the message's trace ({@code traceparent}, from its messageId).
     */
    private <T, V> CompletableFuture<Void> sendAll(String channel, String topic, List<T> items, Function<T, String> key,
                                                   Function<T, V> value, Function<T, String> traceparent) {
        Producer<String, V> producer = producer(channel);
        if (producer == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the Kafka channel " + channel + " has not started"));
        }
        Acknowledged.Countdown countdown = new Acknowledged.Countdown(items.size());
        items.forEach(item -> countdown.send(producer, topic, key.apply(item), value.apply(item), traceparent.apply(item)));
        return countdown.acknowledged();
    }

    /** The channel's Kafka producer; null while the channel has not started. */
    @SuppressWarnings("unchecked")
    private <V> Producer<String, V> producer(String channel) {
        Producer<String, ?> producer = producers.get(channel);
        if (producer == null) {
            io.smallrye.reactive.messaging.kafka.KafkaProducer<String, V> started = kafka.getProducer(channel);
            if (started != null) {
                producer = started.unwrap();
                producers.put(channel, producer);
            }
        }
        return (Producer<String, V>) producer;
    }
}
