package dev.safesend.consent.messaging;

import dev.safesend.consent.config.ConsentConfig;
import dev.safesend.consent.domain.InboundMessage;
import dev.safesend.consent.mapping.ConsentEventMapper;
import dev.safesend.consent.service.ConsentMetrics;
import dev.safesend.consent.service.SignalService;
import dev.safesend.schemas.message.InboundMessageReceived;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * wa.inbound-messages.v1: STOP/START keywords and opt-out buttons; every message updates the contact's last inbound time.
 * <p>
 * Records arrive in batches (whatever one poll returned, in partition order, so each person's messages stay in order)
 * and a batch is applied in one transaction: a burst of STOPs, or the backlog after a restart, costs a commit per batch
 * instead of one per STOP, so catching up runs at least as fast as normal operation. A database outage is retried
 * until the database is back ({@link UntilStored}). A record that fails on its own sends the batch round again one
 * record at a time, and only that record is dead-lettered; an undecodable one is dead-lettered with the deserializer's
 * reason. The batch is acknowledged only once the consent changes and confirmation replies it wrote are published
 * (the outbox relay's acknowledgement) and its dead letters written: consent-service's committed offset on this topic
 * then means "applied and published", which dispatch reads to know when a person's latest consent has reached it.
 */
@ApplicationScoped
public class InboundMessageConsumer {

    private static final String EVENT_TYPE = "InboundMessageReceived";
    /** Set by the Kafka connector on a record whose value could not be deserialized (fail-on-deserialization-failure=false). */
    private static final String DESERIALIZATION_FAILURE = "deserialization-failure-reason";

    private final SignalService signals;
    private final ConsentEventMapper mapper;
    private final UntilStored untilStored;
    private final OutboxProducer relay;
    private final ConsentConfig config;
    private final MeterRegistry metrics;

    public InboundMessageConsumer(SignalService signals, ConsentEventMapper mapper, UntilStored untilStored, OutboxProducer relay,
                                  ConsentConfig config, MeterRegistry metrics) {
        this.signals = signals;
        this.mapper = mapper;
        this.untilStored = untilStored;
        this.relay = relay;
        this.config = config;
        this.metrics = metrics;
    }

    @Incoming("inbound-messages-in")
    @Blocking
    public CompletionStage<Void> onInboundMessagesReceived(KafkaRecordBatch<String, InboundMessageReceived> batch) throws InterruptedException {
        Timer.Sample sample = Timer.start(metrics);
        List<KafkaRecord<String, InboundMessageReceived>> records = new ArrayList<>();
        List<InboundMessage> messages = new ArrayList<>();
        List<CompletableFuture<Void>> deadLetters = new ArrayList<>();
        for (KafkaRecord<String, InboundMessageReceived> record : batch) {
            InboundMessageReceived event = record.getPayload();
            if (event == null) {
                Header undecodable = record.getHeaders().lastHeader(DESERIALIZATION_FAILURE);
                deadLetters.add(deadLetter(record, new IllegalArgumentException("undecodable record: "
                        + (undecodable == null ? "no value" : new String(undecodable.value(), StandardCharsets.UTF_8)))));
                continue;
            }
            try {
                messages.add(mapper.toDomain(event));
                records.add(record);
            } catch (RuntimeException e) {
                deadLetters.add(deadLetter(record, e));
            }
        }
        List<SignalService.Outcome> outcomes = apply(records, messages, deadLetters);
        if (outcomes.stream().anyMatch(o -> o == SignalService.Outcome.OPTED_OUT || o == SignalService.Outcome.OPTED_IN)
                && !relay.awaitPublished(config.outbox().ackTimeout())) {
            Log.warnf("inbound batch of %d: its consent changes were not published within %s; acknowledged anyway, the outbox"
                    + " publishes them later", records.size(), config.outbox().ackTimeout());
        }
        outcomes.forEach(o -> count(outcome(o), 1));
        count("dead_lettered", deadLetters.size());
        sample.stop(metrics.timer(ConsentMetrics.MESSAGE_PROCESSING, "event.type", EVENT_TYPE));
        return CompletableFuture.allOf(deadLetters.toArray(CompletableFuture[]::new)).thenCompose(written -> batch.ack());
    }

    /** The batch in one transaction; if a record of its own makes that fail, one record at a time, dead-lettering the failing ones. */
    private List<SignalService.Outcome> apply(List<KafkaRecord<String, InboundMessageReceived>> records, List<InboundMessage> messages,
                                              List<CompletableFuture<Void>> deadLetters) {
        if (messages.isEmpty()) {
            return List.of();
        }
        try {
            return untilStored.run(() -> signals.onInbound(messages));
        } catch (RuntimeException batchFailed) {
            Log.warnf("inbound batch of %d failed (%s); applying it one record at a time", messages.size(), batchFailed.getMessage());
        }
        List<SignalService.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            InboundMessage m = messages.get(i);
            try {
                outcomes.add(untilStored.run(() -> signals.onInbound(m)));
            } catch (RuntimeException e) {
                deadLetters.add(deadLetter(records.get(i), e));
            }
        }
        return outcomes;
    }

    /** Nacks one record of a batch: the channel's failure strategy writes it to wa.inbound-messages.v1.dlq with the reason. */
    private static CompletableFuture<Void> deadLetter(KafkaRecord<String, InboundMessageReceived> record, Throwable reason) {
        return record.nack(reason).toCompletableFuture();
    }

    private void count(String outcome, long records) {
        if (records > 0) {
            metrics.counter(ConsentMetrics.MESSAGES_PROCESSED, "event.type", EVENT_TYPE, "outcome", outcome).increment(records);
        }
    }

    static String outcome(SignalService.Outcome o) {
        return switch (o) {
            case DUPLICATE -> "duplicate";
            case NOT_A_SIGNAL -> "skipped";
            default -> "success";
        };
    }
}
