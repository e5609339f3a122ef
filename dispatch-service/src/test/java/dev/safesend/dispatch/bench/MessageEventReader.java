package dev.safesend.dispatch.bench;

import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.serde.AvroDeserializer;
import dev.safesend.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * Reads {@code wa.message-events.v1} from its end (as of the bench's start) on its own thread and files each of the
 * bench's events under its run. The bench's message ids say everything needed: {@code bench.<run>.<b|u>.<sender>.<seq>}
 * and, for urgent ones, {@code .<produced epoch millis>}.
 */
final class MessageEventReader implements AutoCloseable {

    /** One SUBMITTED message: its sender (index), lane, dispatch's statusAt, when it was produced (urgent) and seen here. */
    record Submitted(int sender, boolean urgent, long statusAt, long producedAt, long seenAt) {
    }

    /** What one run's messages became. */
    static final class Run {
        final String tag;
        final ConcurrentLinkedQueue<Submitted> submitted = new ConcurrentLinkedQueue<>();
        final Set<String> finished = ConcurrentHashMap.newKeySet();
        final Map<String, LongAdder> otherOutcomes = new ConcurrentHashMap<>();

        Run(String tag) {
            this.tag = tag;
        }
    }

    private static final Set<MessageStatus> TERMINAL = Set.of(MessageStatus.SUBMITTED, MessageStatus.FAILED, MessageStatus.SUPPRESSED,
            MessageStatus.EXPIRED, MessageStatus.REJECTED);

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer avro = new AvroDeserializer();
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    MessageEventReader(String bootstrap, int partitions) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-events"), new StringDeserializer(), new ByteArrayDeserializer());
        String topic = Topics.MESSAGE_EVENTS.topicName();
        List<TopicPartition> all = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(all);
        consumer.seekToEnd(all);
        all.forEach(consumer::position); // resolve the end now, before anything is produced
        thread = new Thread(this::loop, "bench-events");
        thread.setDaemon(true);
        thread.start();
    }

    Run open(String tag) {
        Run run = new Run(tag);
        runs.put(tag, run);
        return run;
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long seen = System.currentTimeMillis();
                    if (r.key() == null || !r.key().startsWith("bench.")) {
                        continue;
                    }
                    Object value;
                    try {
                        value = avro.deserialize(r.topic(), r.value());
                    } catch (RuntimeException e) {
                        continue;
                    }
                    if (value instanceof MessageStatusChanged e) {
                        file(e, seen);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void file(MessageStatusChanged e, long seen) {
        String[] id = e.getMessageId().split("\\.");
        Run run = runs.get(id[1]);
        if (run == null) {
            return;
        }
        boolean urgent = "u".equals(id[2]);
        if (e.getStatus() == MessageStatus.SUBMITTED) {
            run.submitted.add(new Submitted(Integer.parseInt(id[3]), urgent, e.getStatusAt().toEpochMilli(),
                    urgent ? Long.parseLong(id[5]) : 0, seen));
        } else {
            run.otherOutcomes.computeIfAbsent(e.getStatus() + (e.getReason() == null ? "" : " " + e.getReason()), k -> new LongAdder())
                    .increment();
        }
        if (TERMINAL.contains(e.getStatus())) {
            run.finished.add(e.getMessageId());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
    }
}
