package dev.safesend.ingest.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

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
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<T> message = Message.of(payload)
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                })
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
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

        <V> void send(Producer<String, V> producer, String topic, String key, V value) {
            try {
                producer.send(new ProducerRecord<>(topic, key, value), this);
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
