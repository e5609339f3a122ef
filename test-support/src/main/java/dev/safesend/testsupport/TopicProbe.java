package dev.safesend.testsupport;

import dev.safesend.schemas.serde.AvroDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads what a test's action published to one topic: opened before the action (positioned at the
 * end of every partition), then {@link #await} the records that match or {@link #drain} everything
 * that arrived within a window.
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
    private final AvroDeserializer avro = new AvroDeserializer();

    private TopicProbe(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    public static TopicProbe atEnd(String bootstrapServers, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before the action under test
        return new TopicProbe(consumer);
    }

    /** Polls until {@code count} Avro records matching {@code match} arrived (or fails after {@code timeout}). */
    public List<ConsumerRecord<String, SpecificRecord>> await(Predicate<ConsumerRecord<String, SpecificRecord>> match,
                                                              int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<ConsumerRecord<String, SpecificRecord>> matching = decoded().stream().filter(match).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " matching record(s) within " + timeout + " but saw "
                        + matching.size() + " of " + seen.size() + ": " + decoded().stream().map(ConsumerRecord::value).toList());
            }
            poll();
        }
    }

    /** Like {@link #await} on the raw bytes, for records that are not Avro (dead letters of poison records). */
    public List<ConsumerRecord<String, byte[]>> awaitRaw(Predicate<ConsumerRecord<String, byte[]>> match, int count,
                                                         Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<ConsumerRecord<String, byte[]>> matching = seen.stream().filter(match).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " matching raw record(s) within " + timeout + " but saw "
                        + matching.size() + " of " + seen.size());
            }
            poll();
        }
    }

    /** Everything that arrived within {@code window} (use it to prove nothing was published). */
    public List<ConsumerRecord<String, byte[]>> drain(Duration window) {
        Instant deadline = Instant.now().plus(window);
        while (Instant.now().isBefore(deadline)) {
            poll();
        }
        return List.copyOf(seen);
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
    }

    private List<ConsumerRecord<String, SpecificRecord>> decoded() {
        List<ConsumerRecord<String, SpecificRecord>> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : seen) {
            SpecificRecord value;
            try {
                value = avro.deserialize(r.topic(), r.value());
            } catch (RuntimeException notAvro) {
                continue;
            }
            out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), value));
        }
        return out;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
