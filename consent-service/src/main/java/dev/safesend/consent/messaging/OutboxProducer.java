package dev.safesend.consent.messaging;

import dev.safesend.consent.config.ConsentConfig;
import dev.safesend.consent.domain.OutboxEntry;
import dev.safesend.consent.mapping.ConsentEventMapper;
import dev.safesend.consent.repository.OutboxRepository;
import dev.safesend.consent.service.ConsentMetrics;
import dev.safesend.consent.service.OutboxWritten;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox relay. Reads outbox entries in id order (one instance at a time, by advisory lock), publishes them —
 * CONSENT entries as the phone's {@code ConsentChanged} at that version on wa.consent-changes.v1 (key: phone; an entry a
 * later change already superseded is dropped, the later one carries the state, unless it opted someone out: see
 * {@link OutboxRepository#next}), REPLY entries
 * as a {@code SendRequest} on wa.send-requests.v1 (key: requestId) — waits for every acknowledgement (acks=all,
 * idempotent producer), and only then deletes them, in the same transaction that held the lock. A crash between
 * publish and delete re-publishes: consumers drop records whose version they already hold, and ingest dedupes
 * requestIds. A commit that wrote the outbox wakes the relay at once; otherwise it polls. An erase publishes the phone's
 * erased, opted-out record and then a tombstone (null value) for the phone, so that once the topic is compacted and
 * its delete retention has passed, Kafka no longer holds the number (GDPR); a consumer that meets the tombstone forgets
 * the phone and fails closed, and consent-service's suppression hash still refuses a later import without new evidence.
 */
@ApplicationScoped
public class OutboxProducer {

    private final OutboxRepository outbox;
    private final ConsentEventMapper mapper;
    private final ConsentConfig config;
    private final MeterRegistry metrics;
    private final String bootstrapServers;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong pending = new AtomicLong();
    /** Publication requests ({@link #awaitPublished}): a pass that began after request n and found the outbox drained serves it. */
    private final AtomicLong requested = new AtomicLong();
    private long drainedThrough; // guarded by this
    private volatile boolean running;
    private Thread relay;
    private KafkaProducer<String, SpecificRecord> producer;

    public OutboxProducer(OutboxRepository outbox, ConsentEventMapper mapper, ConsentConfig config, MeterRegistry metrics,
                          @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.config = config;
        this.metrics = metrics;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent start) {
        AvroSerializer avro = new AvroSerializer();
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.BATCH_SIZE_CONFIG, 262144,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250, // after a broker restart: publish again soon
                ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 250,
                ProducerConfig.CLIENT_ID_CONFIG, "consent-outbox-relay"),
                new StringSerializer(), avro::serialize);
        metrics.gauge(ConsentMetrics.OUTBOX_PENDING, pending);
        running = true;
        relay = new Thread(this::loop, "consent-outbox-relay");
        relay.setDaemon(true);
        relay.start();
    }

    void stop(@Observes ShutdownEvent stop) throws InterruptedException {
        running = false;
        wake.release();
        if (relay != null) {
            relay.join(5000);
        }
        if (producer != null) {
            producer.close();
        }
    }

    /** A transaction that wrote the outbox committed: publish now. */
    void onOutboxWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        wake.release();
    }

    /**
     * Wakes the relay and waits until everything committed to the outbox before this call is published and
     * acknowledged by Kafka, or the timeout passes (another instance holds the relay, or Kafka is away: the outbox still
     * publishes it later). Consumers call it before acknowledging a batch whose transaction wrote the outbox, so a
     * committed offset on their input topic means its consent changes are on wa.consent-changes.v1 (dispatch reads the
     * committed offsets to know when a person's latest consent has reached it).
     *
     * @return true if published in time
     */
    public boolean awaitPublished(Duration timeout) throws InterruptedException {
        long request = requested.incrementAndGet();
        wake.release();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (drainedThrough < request) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return true;
    }

    private synchronized void drained(long request) {
        if (request > drainedThrough) {
            drainedThrough = request;
            notifyAll();
        }
    }

    private void loop() {
        long pollMillis = config.outbox().pollInterval().toMillis();
        while (running) {
            try {
                long request = requested.get();
                int published = relayOnce();
                if (published >= 0 && published < config.outbox().batchSize()) {
                    drained(request); // this pass read the outbox after every request up to this one had committed
                }
                if (published <= 0) {
                    wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | LinkageError e) {
                Log.warnf(e, "outbox relay: %s; retrying in %d ms", e.getMessage(), pollMillis);
                try {
                    wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS); // back off, but a shutdown still wakes us
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Publishes one batch; returns how many entries it published, or -1 when another instance holds the relay. */
    int relayOnce() {
        long ackTimeout = config.outbox().ackTimeout().toMillis();
        return QuarkusTransaction.requiringNew().timeout((int) (ackTimeout / 1000) + 30).call(() -> {
            if (!outbox.tryLockRelay()) {
                return -1;
            }
            List<OutboxEntry> batch = outbox.next(config.outbox().batchSize());
            if (batch.isEmpty()) {
                pending.set(0);
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            for (OutboxEntry e : batch) {
                if (e.kind() == OutboxEntry.Kind.REPLY || e.snapshot() != null) {
                    acks.add(producer.send(record(e)));
                }
                if (e.snapshot() != null && e.erased()) {
                    // the erase: then a tombstone on the same key, so consumers forget the number and compaction drops it
                    // from the topic (an earlier opt-out published as erased since has the erase's tombstone after it)
                    acks.add(producer.send(new ProducerRecord<>(Topics.CONSENT_CHANGES.topicName(), e.phone(), null)));
                }
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(ackTimeout, TimeUnit.MILLISECONDS);
            }
            outbox.delete(batch.stream().map(OutboxEntry::id).toList());
            counter("consent").increment(batch.stream().filter(e -> e.snapshot() != null).count());
            counter("reply").increment(batch.stream().filter(e -> e.kind() == OutboxEntry.Kind.REPLY).count());
            pending.set(batch.size() == config.outbox().batchSize() ? outbox.pending() : 0);
            return batch.size();
        });
    }

    private ProducerRecord<String, SpecificRecord> record(OutboxEntry e) {
        if (e.kind() == OutboxEntry.Kind.CONSENT) {
            return new ProducerRecord<>(Topics.CONSENT_CHANGES.topicName(), e.phone(), mapper.toConsentChanged(e.snapshot()));
        }
        return new ProducerRecord<>(Topics.SEND_REQUESTS.topicName(), e.requestId(), mapper.toSendRequest(e));
    }

    private Counter counter(String kind) {
        return metrics.counter(ConsentMetrics.EVENTS_PUBLISHED, "kind", kind);
    }
}
