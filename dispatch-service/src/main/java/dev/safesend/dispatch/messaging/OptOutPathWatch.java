package dev.safesend.dispatch.messaging;

import dev.safesend.dispatch.config.DispatchConfig;
import dev.safesend.dispatch.domain.OptOutPathProgress;
import dev.safesend.dispatch.domain.WebhookIntake;
import dev.safesend.dispatch.service.OptOutPath;
import dev.safesend.schemas.intake.IntakeBeat;
import dev.safesend.schemas.serde.AvroDeserializer;
import dev.safesend.schemas.topic.Topics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the opt-out path's progress from Kafka every {@code safesend.dispatch.opt-out-path.check-every} (50 ms): the
 * committed offsets of consent-service's group and of dispatch's own two groups (one request), then the end offsets of
 * wa.inbound-messages.v1 and wa.consent-changes.v1 (one request), in that order, which {@link OptOutPathProgress}
 * relies on. A failed reading is skipped; after {@code stale-after} without one the path counts as behind. Every
 * {@code clean-every} it lets {@link OptOutPath} forget the people the path has caught up with.
 * <p>
 * On the same turn it reads ingest's beats (wa.intake-beats.v1, a group-less consumer that starts {@code look-back}
 * ago, so a gap that began before dispatch started is seen) into {@link WebhookIntake}.
 */
@ApplicationScoped
public class OptOutPathWatch {

    private static final String INBOUND = Topics.INBOUND_MESSAGES.topicName();
    private static final String CHANGES = Topics.CONSENT_CHANGES.topicName();

    private final OptOutPath optOutPath;
    private final DispatchConfig config;
    private final String bootstrapServers;
    private final String windowsGroup;
    private final String projectionGroup;
    private ScheduledExecutorService timer;
    private Admin admin;
    private List<TopicPartition> partitions = List.of();
    private KafkaConsumer<String, SpecificRecord> beats;
    private boolean beatsPositioned;

    public OptOutPathWatch(OptOutPath optOutPath, DispatchConfig config,
                           @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                           @ConfigProperty(name = "mp.messaging.incoming.inbound-messages-in.group.id") String windowsGroup,
                           @ConfigProperty(name = "mp.messaging.incoming.consent-changes-in.group.id") String projectionGroup) {
        this.optOutPath = optOutPath;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.windowsGroup = windowsGroup;
        this.projectionGroup = projectionGroup;
    }

    void start(@Observes StartupEvent start) {
        admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "dispatch-opt-out-path",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250, // after a broker restart: read again soon
                AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 250,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dispatch-opt-out-path");
            t.setDaemon(true);
            return t;
        });
        if (optOutPath.watchesIntake()) {
            beats = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.CLIENT_ID_CONFIG, "dispatch-intake-beats",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20,
                    ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250,
                    ConsumerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 250,
                    ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                    ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000), new StringDeserializer(), new AvroDeserializer());
        }
        long every = config.optOutPath().checkEvery().toMillis();
        timer.scheduleWithFixedDelay(this::check, 0, every, TimeUnit.MILLISECONDS);
        long clean = config.optOutPath().cleanEvery().toMillis();
        timer.scheduleWithFixedDelay(this::clean, clean, clean, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(2, TimeUnit.SECONDS); // the beats consumer is only ever used by the timer's thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
        if (beats != null) {
            beats.close(java.time.Duration.ofSeconds(1));
        }
    }

    /** Feeds the beats written since the last turn to {@link OptOutPath}; first positions the consumer look-back ago. */
    void readBeats() {
        if (beats == null) {
            return;
        }
        try {
            if (!beatsPositioned) {
                String topic = Topics.INTAKE_BEATS.topicName();
                List<TopicPartition> tps = beats.partitionsFor(topic, java.time.Duration.ofSeconds(2)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                if (tps.isEmpty()) {
                    return;
                }
                beats.assign(tps);
                long since = Instant.now().minus(config.optOutPath().intake().lookBack()).toEpochMilli();
                Map<TopicPartition, Long> when = new HashMap<>();
                tps.forEach(tp -> when.put(tp, since));
                Map<TopicPartition, OffsetAndTimestamp> from = beats.offsetsForTimes(when, java.time.Duration.ofSeconds(2));
                for (TopicPartition tp : tps) {
                    OffsetAndTimestamp o = from.get(tp);
                    if (o != null) {
                        beats.seek(tp, o.offset());
                    } else {
                        beats.seekToEnd(List.of(tp));
                    }
                }
                beatsPositioned = true;
            }
            for (ConsumerRecord<String, SpecificRecord> r : beats.poll(java.time.Duration.ZERO)) {
                if (r.value() instanceof IntakeBeat b) {
                    optOutPath.observe(new WebhookIntake.Beat(b.getInstance(), b.getOccurredAt(), b.getStartedAt(),
                            b.getLastRefusedAt(),
                            b.getOldestPendingMillis() == null ? null : java.time.Duration.ofMillis(b.getOldestPendingMillis()), b.getStopping()));
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // a beat that cannot be read is no beat: the intake goes stale and holds, failing closed
            Log.debugf("opt-out path: no intake beats this time (%s)", e.toString());
        }
    }

    void check() {
        readBeats();
        try {
            if (partitions.isEmpty()) {
                partitions = admin.describeTopics(List.of(INBOUND, CHANGES)).allTopicNames().get(2, TimeUnit.SECONDS).values().stream()
                        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition()))).toList();
            }
            ListConsumerGroupOffsetsSpec all = new ListConsumerGroupOffsetsSpec();
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = admin.listConsumerGroupOffsets(Map.of(
                    config.optOutPath().consentGroup(), all, windowsGroup, all, projectionGroup, all)).all().get(2, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(2, TimeUnit.SECONDS);
            Map<Integer, Long> inboundEnd = new HashMap<>();
            Map<Integer, Long> changesEnd = new HashMap<>();
            ends.forEach((tp, info) -> (INBOUND.equals(tp.topic()) ? inboundEnd : changesEnd).put(tp.partition(), info.offset()));
            optOutPath.observe(new OptOutPathProgress.Reading(
                    offsets(committed.get(config.optOutPath().consentGroup()), INBOUND), offsets(committed.get(windowsGroup), INBOUND),
                    offsets(committed.get(projectionGroup), CHANGES), inboundEnd, changesEnd, Instant.now()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Log.debugf("opt-out path: no reading this time (%s)", e.toString());
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                partitions = List.of();
            }
        }
    }

    private void clean() {
        try {
            optOutPath.clean();
        } catch (RuntimeException e) {
            Log.warnf("opt-out path: cleaning the inbound positions failed (%s); next time", e.getMessage());
        }
    }

    private static Map<Integer, Long> offsets(Map<TopicPartition, OffsetAndMetadata> committed, String topic) {
        Map<Integer, Long> out = new HashMap<>();
        if (committed != null) {
            committed.forEach((tp, o) -> {
                if (o != null && topic.equals(tp.topic())) {
                    out.put(tp.partition(), o.offset());
                }
            });
        }
        return out;
    }
}
