package dev.safesend.ingest.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.concurrent.CompletableFuture;

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
}
