package dev.safesend.analytics.messaging;

import dev.safesend.analytics.service.AttributionMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * How attribution's consumers take a batch (as consent's do): an undecodable record, or one that cannot be mapped, is
 * dead-lettered with its reason; the rest is applied in one call (one set-based write per table, retried on a passing
 * database error by the service); if that call fails for a reason of its own records, the batch goes round again one
 * record at a time and only the failing ones are dead-lettered. The batch is acknowledged once its dead letters are
 * written, so a committed offset means "applied or dead-lettered".
 */
final class BatchIntake {

    /** Set by the Kafka connector on a record whose value could not be deserialized (fail-on-deserialization-failure=false). */
    private static final String DESERIALIZATION_FAILURE = "deserialization-failure-reason";

    private BatchIntake() {
    }

    /**
     * @param map   a record as what the service takes, or null when the record is not for attribution (skipped)
     * @param apply applies a list, returning how many records had an effect (the rest were duplicates)
     */
    static <T, D> CompletionStage<Void> take(KafkaRecordBatch<String, T> batch, String eventType, Function<T, D> map,
                                             ToIntFunction<List<D>> apply, MeterRegistry metrics) {
        Timer.Sample sample = Timer.start(metrics);
        List<KafkaRecord<String, T>> records = new ArrayList<>();
        List<D> items = new ArrayList<>();
        List<CompletableFuture<Void>> deadLetters = new ArrayList<>();
        int skipped = 0;
        for (KafkaRecord<String, T> record : batch) {
            T payload = record.getPayload();
            if (payload == null) {
                Header undecodable = record.getHeaders().lastHeader(DESERIALIZATION_FAILURE);
                deadLetters.add(deadLetter(record, new IllegalArgumentException("undecodable record: "
                        + (undecodable == null ? "no value" : new String(undecodable.value(), StandardCharsets.UTF_8)))));
                continue;
            }
            try {
                D item = map.apply(payload);
                if (item == null) {
                    skipped++;
                } else {
                    items.add(item);
                    records.add(record);
                }
            } catch (RuntimeException e) {
                deadLetters.add(deadLetter(record, e));
            }
        }
        int applied = 0;
        if (!items.isEmpty()) {
            try {
                applied = apply.applyAsInt(items);
            } catch (RuntimeException batchFailed) {
                Log.warnf("%s batch of %d failed (%s); applying it one record at a time", eventType, items.size(), batchFailed.getMessage());
                for (int i = 0; i < items.size(); i++) {
                    try {
                        applied += apply.applyAsInt(List.of(items.get(i)));
                    } catch (RuntimeException e) {
                        deadLetters.add(deadLetter(records.get(i), e));
                    }
                }
            }
        }
        count(metrics, eventType, "success", applied);
        count(metrics, eventType, "duplicate", Math.max(0, items.size() - applied - deadLetters.size()));
        count(metrics, eventType, "skipped", skipped);
        count(metrics, eventType, "dead_lettered", deadLetters.size());
        sample.stop(metrics.timer(AttributionMetrics.BATCH_PROCESSING, "event.type", eventType));
        return CompletableFuture.allOf(deadLetters.toArray(CompletableFuture[]::new)).thenCompose(written -> batch.ack());
    }

    /** Nacks one record of a batch: the channel's failure strategy writes it to the topic's DLQ with the reason. */
    private static <T> CompletableFuture<Void> deadLetter(KafkaRecord<String, T> record, Throwable reason) {
        return record.nack(reason).toCompletableFuture();
    }

    private static void count(MeterRegistry metrics, String eventType, String outcome, long n) {
        if (n > 0) {
            metrics.counter(AttributionMetrics.RECORDS_PROCESSED, "event.type", eventType, "outcome", outcome).increment(n);
        }
    }
}
