package dev.safesend.dispatch.messaging;

import dev.safesend.dispatch.config.DispatchConfig;
import dev.safesend.dispatch.domain.OutboundSend;
import dev.safesend.dispatch.mapping.MessageEventMapper;
import dev.safesend.dispatch.service.DispatchMetrics;
import dev.safesend.dispatch.service.Pacers;
import dev.safesend.dispatch.service.QueuedSend;
import dev.safesend.dispatch.service.Settlement;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.serde.AvroDeserializer;
import dev.safesend.schemas.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Consumes both lanes, {@code wa.outbound.urgent.v1} and {@code wa.outbound.bulk.v1}, with one Kafka consumer
 * and hands each record to its sender's pacing loop. Why not a SmallRye channel: a channel is one stream, so a
 * sender with a full queue would hold back every other sender and the urgent lane with it; here each partition
 * is paused on its own while its senders have enough queued, and the urgent lane keeps flowing.
 * <ul>
 *   <li>One consumer subscribed to both topics with the range assignor: partition <i>n</i> of both lanes (the same
 *       senders, as both are keyed by senderId) always lands on the same instance, so one instance paces a sender.</li>
 *   <li>Records of a partition complete out of order (many calls in flight); the committed offset is the lowest
 *       record not yet finished or durably deferred, so a crash redelivers only unfinished work, and the send
 *       ledger stops a redelivered message from being sent twice.</li>
 *   <li>An undecodable record is written to {@code <topic>.dlq} with reason headers and never blocks the partition.</li>
 * </ul>
 */
@ApplicationScoped
public class LaneConsumer {

    private static final Duration COMMIT_EVERY = Duration.ofMillis(200);
    private static final String URGENT = Topics.OUTBOUND_URGENT.topicName();
    private static final String BULK = Topics.OUTBOUND_BULK.topicName();

    private final Pacers pacers;
    private final MessageEventMapper mapper;
    private final DispatchProducer producer;
    private final MeterRegistry metrics;
    private final String bootstrap;
    private final String groupId;
    private final Optional<String> instanceId;
    private final Duration drainTimeout;
    private final AvroDeserializer avro = new AvroDeserializer();
    private final Map<TopicPartition, Track> tracks = new ConcurrentHashMap<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private volatile boolean running;
    private volatile long lastPollMillis;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dispatch-lanes");
        t.setDaemon(true);
        return t;
    });
    private KafkaConsumer<String, byte[]> consumer;

    public LaneConsumer(Pacers pacers, MessageEventMapper mapper, DispatchProducer producer, MeterRegistry metrics, DispatchConfig config,
                        @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                        @ConfigProperty(name = "safesend.dispatch.lanes.group-id", defaultValue = "dispatch-service-lanes") String groupId,
                        @ConfigProperty(name = "safesend.dispatch.lanes.instance-id") Optional<String> instanceId) {
        this.instanceId = instanceId.filter(id -> !id.isBlank());
        this.drainTimeout = config.pacing().drainTimeout();
        this.pacers = pacers;
        this.mapper = mapper;
        this.producer = producer;
        this.metrics = metrics;
        this.bootstrap = bootstrap;
        this.groupId = groupId;
    }

    /** One partition's offsets: those handed out and not yet finished, and the next one to read. */
    private static final class Track {
        final ConcurrentSkipListSet<Long> open = new ConcurrentSkipListSet<>();
        final Set<String> senders = ConcurrentHashMap.newKeySet();
        volatile boolean revoked;
        long next = -1;
        long committed = -1;

        long committable() {
            Long first = open.ceiling(Long.MIN_VALUE);
            return first != null ? first : next;
        }
    }

    void start(@Observes StartupEvent ignored) {
        running = true;
        lastPollMillis = System.currentTimeMillis();
        loop.execute(this::run);
    }

    /**
     * A graceful stop, before anything else shuts down: no sender starts another call, the poll loop stops fetching,
     * waits until every call in flight is answered and settled (at most {@code safesend.dispatch.pacing.drain-timeout}),
     * commits what is done and leaves the group. A call cut off by a SIGKILL instead becomes UNKNOWN and is never re-sent.
     */
    void stop(@Observes @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent ignored) {
        pacers.quiesce();
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        loop.shutdown();
        try {
            loop.awaitTermination(drainTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** After the last poll of a graceful stop: waits for the calls in flight to settle, then commits synchronously. */
    private void finish(KafkaConsumer<String, byte[]> c) {
        long began = System.nanoTime();
        boolean drained;
        try {
            drained = pacers.awaitSettled(drainTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        commit(c, true);
        Log.infof("lanes stopped: calls in flight %s in %d ms; settled offsets committed",
                drained ? "all settled" : "NOT all settled (they become UNKNOWN, never re-sent)",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    /** True while the poll loop is alive and polling (readiness). */
    public boolean healthy() {
        return running && !loop.isShutdown() && System.currentTimeMillis() - lastPollMillis < 15_000;
    }

    /** Polls until stopped; after a failure the loop is scheduled again in a second with a new consumer. */
    private void run() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "dispatch-lanes");
        // a crashed instance's senders move to another one (or to its restart) within seconds, not the default 45 s
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        instanceId.ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id)); // static membership: a restart keeps its partitions
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            c.subscribe(List.of(URGENT, BULK), new Rebalance(c));
            long lastCommit = System.nanoTime();
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(50))) {
                        accept(r);
                    }
                    lastPollMillis = System.currentTimeMillis();
                    pauseOrResume(c);
                    if (System.nanoTime() - lastCommit > COMMIT_EVERY.toNanos()) {
                        commit(c, false);
                        lastCommit = System.nanoTime();
                    }
                }
            } catch (WakeupException e) {
                if (running) {
                    throw e;
                }
            }
            finish(c);
        } catch (WakeupException e) {
            if (running) {
                Log.warn("lane consumer woken up while running; reconnecting");
                loop.execute(this::run);
            }
        } catch (RuntimeException e) {
            Log.errorf(e, "lane consumer failed; reconnecting in 1 s");
            tracks.values().forEach(t -> t.revoked = true);
            tracks.clear();
            paused.clear();
            if (running) {
                loop.schedule(this::run, 1, TimeUnit.SECONDS);
            }
        }
    }

    private void accept(ConsumerRecord<String, byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        Track track = tracks.computeIfAbsent(tp, k -> new Track());
        track.open.add(r.offset());
        track.next = r.offset() + 1;
        QueuedSend.Lane lane = URGENT.equals(r.topic()) ? QueuedSend.Lane.URGENT : QueuedSend.Lane.BULK;
        RecordSettlement settlement = new RecordSettlement(track, r);
        OutboundSend send;
        try {
            Object value = avro.deserialize(r.topic(), r.value());
            if (!(value instanceof OutboundMessage m)) {
                throw new IllegalArgumentException(value == null ? "empty record" : "not an OutboundMessage: " + value.getClass().getSimpleName());
            }
            send = mapper.toDomain(m);
        } catch (RuntimeException e) {
            Log.warnf("dead-lettering %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
            settlement.deadLetter(Map.of("dead-letter-reason", "undecodable record: " + e.getMessage(),
                    "dead-letter-cause", e.getClass().getName()));
            count(lane, "dead_lettered");
            return;
        }
        track.senders.add(send.senderId());
        count(lane, "accepted");
        pacers.offer(new QueuedSend(send, lane, r.value(), intHeader(r, "safesend-attempts"), header(r, "safesend-deferred-reason"),
                settlement, System.nanoTime()));
    }

    private void count(QueuedSend.Lane lane, String outcome) {
        metrics.counter(DispatchMetrics.MESSAGES_PROCESSED, "event.type", "OutboundMessage", "lane", lane.wire(), "outcome", outcome)
                .increment();
    }

    private void pauseOrResume(KafkaConsumer<String, byte[]> c) {
        Set<TopicPartition> toPause = new HashSet<>();
        Set<TopicPartition> toResume = new HashSet<>();
        for (TopicPartition tp : c.assignment()) {
            Track t = tracks.get(tp);
            QueuedSend.Lane lane = URGENT.equals(tp.topic()) ? QueuedSend.Lane.URGENT : QueuedSend.Lane.BULK;
            boolean full = t != null && t.senders.stream().anyMatch(s -> pacers.saturated(s, lane));
            if (full && paused.add(tp)) {
                toPause.add(tp);
            } else if (!full && paused.remove(tp)) {
                toResume.add(tp);
            }
        }
        if (!toPause.isEmpty()) {
            c.pause(toPause);
        }
        if (!toResume.isEmpty()) {
            c.resume(toResume);
        }
    }

    private void commit(KafkaConsumer<String, byte[]> c, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        tracks.forEach((tp, t) -> {
            long at = t.committable();
            if (at > t.committed && at >= 0) {
                offsets.put(tp, new OffsetAndMetadata(at));
                t.committed = at;
            }
        });
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            c.commitSync(offsets);
        } else {
            c.commitAsync(offsets, (o, e) -> {
                if (e != null) {
                    Log.warnf("lane offset commit failed (retried with the next one): %s", e.getMessage());
                }
            });
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> c;

        Rebalance(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                commit(c, true);
            } catch (RuntimeException e) {
                Log.warnf("commit on revoke failed: %s", e.getMessage());
            }
            for (TopicPartition tp : partitions) {
                Track t = tracks.remove(tp);
                if (t != null) {
                    t.revoked = true;
                }
                paused.remove(tp);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Log.infof("lanes assigned: %s", partitions);
        }
    }

    /** Ends one record's work: its offset leaves the open set (dead letters first reach the DLQ). */
    private final class RecordSettlement implements Settlement {
        private final Track track;
        private final ConsumerRecord<String, byte[]> record;

        RecordSettlement(Track track, ConsumerRecord<String, byte[]> record) {
            this.track = track;
            this.record = record;
        }

        @Override
        public void done() {
            track.open.remove(record.offset());
        }

        @Override
        public void deadLetter(Map<String, String> reasonHeaders) {
            Map<String, String> headers = new HashMap<>(reasonHeaders);
            headers.putIfAbsent("dead-letter-reason", reasonHeaders.getOrDefault("safesend-reason", "dead-lettered by dispatch"));
            headers.put("dead-letter-topic", record.topic());
            headers.put("dead-letter-partition", String.valueOf(record.partition()));
            headers.put("dead-letter-offset", String.valueOf(record.offset()));
            producer.send(record.topic() + Topics.DLQ_SUFFIX, record.key(), record.value(), headers).whenComplete((v, e) -> {
                if (e != null) {
                    Log.errorf("could not dead-letter %s-%d@%d (stays uncommitted): %s", record.topic(), record.partition(),
                            record.offset(), e.getMessage());
                } else {
                    done();
                }
            });
        }

        @Override
        public boolean stale() {
            return track.revoked;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static int intHeader(ConsumerRecord<String, byte[]> r, String name) {
        String v = header(r, name);
        try {
            return v == null ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
