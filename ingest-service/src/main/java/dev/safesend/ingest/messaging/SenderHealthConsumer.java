package dev.safesend.ingest.messaging;

import dev.safesend.ingest.config.IngestConfig;
import dev.safesend.ingest.domain.CatchUp;
import dev.safesend.ingest.mapping.MessageEventMapper;
import dev.safesend.ingest.service.IngestMetrics;
import dev.safesend.ingest.service.SenderHealthProjection;
import dev.safesend.schemas.health.SenderHealthChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The compacted wa.sender-health.v1, read from the beginning by every instance (its own consumer group) into the
 * in-memory {@link SenderHealthProjection}. A tombstone forgets the number; an undecodable record is dead-lettered.
 * At start it reads the topic's end offsets (retrying while Kafka cannot be reached) so that readiness can wait
 * until the projection has read that far.
 */
@ApplicationScoped
public class SenderHealthConsumer {

    private static final String DESERIALIZATION_FAILURE = "deserialization-failure-reason";
    private static final long ADMIN_TIMEOUT_MS = 10_000;

    private final SenderHealthProjection projection;
    private final MessageEventMapper mapper;
    private final MeterRegistry metrics;
    private final IngestConfig config;
    private final Map<String, Object> kafkaConfig;
    private final String topic;
    private ScheduledExecutorService endOffsetsReader;

    public SenderHealthConsumer(SenderHealthProjection projection, MessageEventMapper mapper, MeterRegistry metrics,
                                IngestConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                                @ConfigProperty(name = "mp.messaging.incoming.sender-health-in.topic") String topic) {
        this.projection = projection;
        this.mapper = mapper;
        this.metrics = metrics;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.topic = topic;
    }

    @Incoming("sender-health-in")
    public CompletionStage<Void> onSenderHealthChanged(Message<SenderHealthChanged> message) {
        SenderHealthChanged event = message.getPayload();
        var kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        boolean failed = kafka.map(k -> k.getHeaders().lastHeader(DESERIALIZATION_FAILURE) != null).orElse(false);
        kafka.ifPresent(k -> projection.read(k.getPartition(), k.getOffset()));
        if (event == null && failed) {
            count("dead_lettered");
            return message.nack(new IllegalArgumentException("undecodable record (see deserialization-failure-reason header)"));
        }
        if (event == null) {
            kafka.map(k -> (String) k.getKey()).ifPresent(projection::forget);
        } else {
            projection.apply(mapper.fromAvro(event));
        }
        count("success");
        return message.ack();
    }

    void readEndOffsetsAtStart(@Observes StartupEvent event) {
        endOffsetsReader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ingest-sender-health-end-offsets");
            thread.setDaemon(true);
            return thread;
        });
        endOffsetsReader.execute(this::readEndOffsets);
    }

    void stop(@Observes ShutdownEvent event) {
        if (endOffsetsReader != null) {
            endOffsetsReader.shutdownNow();
        }
    }

    private void readEndOffsets() {
        Map<String, Object> adminConfig = new HashMap<>(kafkaConfig);
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "ingest-sender-health-end-offsets");
        try (Admin admin = Admin.create(adminConfig)) {
            projection.catchUpTo(endOffsets(admin));
            endOffsetsReader.shutdown();
        } catch (RuntimeException | ExecutionException | java.util.concurrent.TimeoutException e) {
            Log.infof("sender health: cannot read the end offsets of %s yet (%s); retrying", topic, e.getMessage());
            endOffsetsReader.schedule(this::readEndOffsets, config.senderHealth().endOffsetsRetryInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CatchUp endOffsets(Admin admin) throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        TopicDescription description;
        try {
            description = admin.describeTopics(List.of(topic)).allTopicNames().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS).get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return CatchUp.nothingToRead();
            }
            throw e;
        }
        List<TopicPartition> partitions = description.partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        return CatchUp.of(offsets(admin, partitions, OffsetSpec.earliest()), offsets(admin, partitions, OffsetSpec.latest()));
    }

    private static Map<Integer, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec))).all()
                .get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<Integer, Long> byPartition = new HashMap<>();
        found.forEach((tp, info) -> byPartition.put(tp.partition(), info.offset()));
        return byPartition;
    }

    private void count(String outcome) {
        metrics.counter(IngestMetrics.MESSAGES_PROCESSED, "event.type", "SenderHealthChanged", "outcome", outcome).increment();
    }
}
