package dev.safesend.analytics.messaging;

import dev.safesend.analytics.domain.StatusEvent;
import dev.safesend.analytics.mapping.MessageEventMapper;
import dev.safesend.analytics.service.AnalyticsMetrics;
import dev.safesend.analytics.service.MessageEventService;
import dev.safesend.schemas.message.MessageStatusChanged;
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
 * Consumes wa.message-events.v1 in batches (what one poll returned, in partition order, so a message's events stay in
 * order) into the timeline and the rollups, one transaction per batch. A database outage is retried until it is back
 * ({@link UntilStored}). A record that fails on its own sends the batch round again one record at a time and only that
 * record is dead-lettered; an undecodable one is dead-lettered with the deserializer's reason. The batch is acknowledged
 * after its dead letters are written.
 */
@ApplicationScoped
public class MessageEventConsumer {

    private static final String EVENT_TYPE = "MessageStatusChanged";
    /** Set by the Kafka connector on a record whose value could not be deserialized (fail-on-deserialization-failure=false). */
    private static final String DESERIALIZATION_FAILURE = "deserialization-failure-reason";

    private final MessageEventService events;
    private final MessageEventMapper mapper;
    private final UntilStored untilStored;
    private final MeterRegistry metrics;

    public MessageEventConsumer(MessageEventService events, MessageEventMapper mapper, UntilStored untilStored, MeterRegistry metrics) {
        this.events = events;
        this.mapper = mapper;
        this.untilStored = untilStored;
        this.metrics = metrics;
    }

    @Incoming("message-events-in")
    @Blocking
    public CompletionStage<Void> onMessageStatusChanged(KafkaRecordBatch<String, MessageStatusChanged> batch) {
        Timer.Sample sample = Timer.start(metrics);
        List<KafkaRecord<String, MessageStatusChanged>> records = new ArrayList<>();
        List<StatusEvent> statuses = new ArrayList<>();
        List<CompletableFuture<Void>> deadLetters = new ArrayList<>();
        for (KafkaRecord<String, MessageStatusChanged> record : batch) {
            MessageStatusChanged event = record.getPayload();
            try {
                if (event == null) {
                    Header undecodable = record.getHeaders().lastHeader(DESERIALIZATION_FAILURE);
                    throw new IllegalArgumentException("undecodable record: "
                            + (undecodable == null ? "no value" : new String(undecodable.value(), StandardCharsets.UTF_8)));
                }
                statuses.add(mapper.toDomain(event));
                records.add(record);
            } catch (RuntimeException e) {
                deadLetters.add(deadLetter(record, e));
            }
        }
        MessageEventService.Recorded recorded = apply(records, statuses, deadLetters);
        count("success", recorded.fresh());
        count("duplicate", recorded.duplicates());
        count("skipped", recorded.notOurs());
        count("dead_lettered", deadLetters.size());
        sample.stop(metrics.timer(AnalyticsMetrics.MESSAGE_PROCESSING));
        return CompletableFuture.allOf(deadLetters.toArray(CompletableFuture[]::new)).thenCompose(written -> batch.ack());
    }

    /** The batch in one transaction; if a record of its own makes that fail, one record at a time, dead-lettering the failing ones. */
    private MessageEventService.Recorded apply(List<KafkaRecord<String, MessageStatusChanged>> records, List<StatusEvent> statuses,
                                               List<CompletableFuture<Void>> deadLetters) {
        if (statuses.isEmpty()) {
            return new MessageEventService.Recorded(0, 0, 0);
        }
        try {
            return untilStored.run(() -> events.record(statuses));
        } catch (RuntimeException batchFailed) {
            Log.warnf("message-event batch of %d failed (%s); applying it one record at a time", statuses.size(), batchFailed.getMessage());
        }
        int fresh = 0;
        int duplicates = 0;
        int notOurs = 0;
        for (int i = 0; i < statuses.size(); i++) {
            StatusEvent s = statuses.get(i);
            try {
                MessageEventService.Recorded one = untilStored.run(() -> events.record(List.of(s)));
                fresh += one.fresh();
                duplicates += one.duplicates();
                notOurs += one.notOurs();
            } catch (RuntimeException e) {
                deadLetters.add(deadLetter(records.get(i), e));
            }
        }
        return new MessageEventService.Recorded(fresh, duplicates, notOurs);
    }

    /** Nacks one record of a batch: the channel's failure strategy writes it to wa.message-events.v1.dlq with the reason. */
    private static CompletableFuture<Void> deadLetter(KafkaRecord<String, MessageStatusChanged> record, Throwable reason) {
        return record.nack(reason).toCompletableFuture();
    }

    private void count(String outcome, long records) {
        if (records > 0) {
            metrics.counter(AnalyticsMetrics.MESSAGES_PROCESSED, "event.type", EVENT_TYPE, "outcome", outcome).increment(records);
        }
    }
}
