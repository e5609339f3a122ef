package dev.safesend.ingest.messaging;

import dev.safesend.ingest.config.IngestConfig;
import dev.safesend.ingest.service.IntakeState;
import dev.safesend.schemas.intake.IntakeBeat;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Says every {@code safesend.ingest.intake.beat-every} (100 ms) on wa.intake-beats.v1 that this instance takes Meta's
 * webhooks, with the last delivery it had to refuse and the oldest it is still working on ({@link IntakeState}); on a
 * clean stop a last beat says goodbye.
 * Its own small producer (acks=1, no batching wait, a send never blocks the timer for long): a beat must not queue
 * behind a burst of statuses, and a beat that cannot be sent is simply missing, which dispatch reads as "not taking
 * webhooks" and holds business messages (fail closed).
 */
@ApplicationScoped
public class IntakeBeatProducer {

    private static final String TOPIC = Topics.INTAKE_BEATS.topicName();

    private final IngestConfig config;
    private final IntakeState intake;
    private final String bootstrapServers;
    private final String instance;
    private ScheduledExecutorService timer;
    private KafkaProducer<String, SpecificRecord> producer;

    public IntakeBeatProducer(IngestConfig config, IntakeState intake,
                              @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.intake = intake;
        this.bootstrapServers = bootstrapServers;
        this.instance = config.intake().instance().filter(s -> !s.isBlank()).orElse("ingest-" + UUID.randomUUID());
    }

    void start(@Observes StartupEvent start) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "ingest-intake-beats",
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 50,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250,
                ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 250,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000), new StringSerializer(), new AvroSerializer());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ingest-intake-beats");
            t.setDaemon(true);
            return t;
        });
        long every = config.intake().beatEvery().toMillis();
        timer.scheduleAtFixedRate(() -> beat(false), 0, every, TimeUnit.MILLISECONDS);
        Log.infof("intake beats on %s as %s every %d ms", TOPIC, instance, every);
    }

    /** Runs after the other shutdown observers (the webhook writers stop first): the goodbye follows the last answer. */
    void stop(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER) ShutdownEvent stop) {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
            beat(true);
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close(Duration.ofSeconds(1));
        }
    }

    private void beat(boolean stopping) {
        try {
            Instant now = Instant.now();
            IntakeBeat beat = IntakeBeat.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now)
                    .setInstance(instance).setStartedAt(intake.startedAt()).setLastRefusedAt(intake.lastRefusedAt())
                    .setOldestPendingMillis(intake.oldestPendingMillis(now)).setRefused(intake.refused()).setStopping(stopping).build();
            producer.send(new ProducerRecord<>(TOPIC, instance, beat));
        } catch (RuntimeException e) { // Kafka away (metadata unknown): this beat is missing, which is the message
            Log.debugf("intake beat not sent (%s)", e.toString());
        }
    }
}
