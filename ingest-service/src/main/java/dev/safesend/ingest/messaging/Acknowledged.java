package dev.safesend.ingest.messaging;

import dev.safesend.servicekit.tracing.MessageTraces;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends records whose futures complete when Kafka acknowledges them (or fail when it refuses). Plain ack/nack
 * callbacks on a plain {@link Emitter}, on purpose: a Mutiny pipeline would capture the caller's JTA transaction
 * (context propagation) and resume it on the Kafka thread while the caller goes on to commit, which makes the
 * commit fail at random ("Enlisted connection used without active transaction").
 */
final class Acknowledged {

    private Acknowledged() {
    }

    static <T> CompletableFuture<Void> send(Emitter<T> emitter, T payload, String key) {
        return send(emitter, payload, key, null);
    }

    /** @param traceparent the record's W3C {@code traceparent} header (a message's trace), or null for none */
    static <T> CompletableFuture<Void> send(Emitter<T> emitter, T payload, String key, String traceparent) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(key);
        if (traceparent != null) {
            metadata.withHeaders(List.of(header(traceparent)));
        }
        Message<T> message = Message.of(payload)
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                })
                .addMetadata(metadata.build());
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    static RecordHeader header(String traceparent) {
        return new RecordHeader(MessageTraces.TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII));
    }

    static CompletableFuture<Void> all(List<CompletableFuture<Void>> acks) {
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    /**
     * Many records sent straight to a channel's Kafka producer, with one future for all of them: it completes when
     * Kafka acknowledged the last one, or fails with the first refusal. No per-record Message, Mutiny chain or
     * context switch; the producer's own callback counts the acknowledgements down.
     */
    static final class Countdown implements Callback {

        private final AtomicInteger left;
        private final CompletableFuture<Void> acked = new CompletableFuture<>();

        Countdown(int records) {
            left = new AtomicInteger(records);
            if (records == 0) {
                acked.complete(null);
            }
        }

        /** @param traceparent the record's W3C {@code traceparent} header, or null for none */
        <V> void send(Producer<String, V> producer, String topic, String key, V value, String traceparent) {
            try {
                ProducerRecord<String, V> record = new ProducerRecord<>(topic, key, value);
                if (traceparent != null) {
                    record.headers().add(header(traceparent));
                }
                producer.send(record, this);
            } catch (RuntimeException e) {
                acked.completeExceptionally(e);
            }
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception failure) {
            if (failure != null) {
                acked.completeExceptionally(failure);
            } else if (left.decrementAndGet() == 0) {
                acked.complete(null);
            }
        }

        CompletableFuture<Void> acknowledged() {
            return acked;
        }
    }
}
