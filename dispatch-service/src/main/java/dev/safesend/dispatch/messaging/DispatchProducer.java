package dev.safesend.dispatch.messaging;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * dispatch's one Kafka producer (acks=all, idempotent) for everything its send path writes: message events,
 * re-entering deferred messages and dead letters. Values are already-encoded bytes; every send answers a
 * stage that completes when Kafka acknowledged it.
 */
@ApplicationScoped
public class DispatchProducer {

    private final KafkaProducer<String, byte[]> producer;

    public DispatchProducer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.BATCH_SIZE_CONFIG, 131_072,
                ProducerConfig.CLIENT_ID_CONFIG, "dispatch-send-path",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    public CompletionStage<Void> send(String topic, String key, byte[] value, Map<String, String> headers) {
        List<Header> h = new ArrayList<>(headers.size());
        headers.forEach((k, v) -> {
            if (v != null) {
                h.add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8)));
            }
        });
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, h), (meta, error) -> {
                if (error != null) {
                    acked.completeExceptionally(error);
                } else {
                    acked.complete(null);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    @PreDestroy
    void close() {
        try {
            producer.close(java.time.Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            Log.warnf("closing dispatch's producer: %s", e.getMessage());
        }
    }
}
