package dev.safesend.ingest.messaging;

import dev.safesend.ingest.domain.ContactEngagement;
import dev.safesend.ingest.mapping.ContactEngagementEventMapper;
import dev.safesend.ingest.service.ContactEngagementProjection;
import dev.safesend.ingest.service.IngestMetrics;
import dev.safesend.schemas.health.ContactEngagementChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * wa.contact-engagement.v1 (health-monitor's, compacted, key {@code project/contact}) → ingest's contact_engagement,
 * which campaign forecasts read to count recipients dispatch will suppress as LOW_ENGAGEMENT. Records arrive in batches
 * (group {@code ingest-contact-engagement}); what one poll returned is written in one statement, per (project, contact)
 * the newest record when it is newer than the row held, so a redelivered batch or an older record changes nothing. A
 * tombstone forgets the contact's engagement with the project, after what came before it in the batch. An undecodable
 * record, one that names no project or contact, and one that cannot be stored are dead-lettered alone
 * (wa.contact-engagement.v1.dlq, with the reason in {@code dead-letter-reason}); the batch is acknowledged after its
 * dead letters are written.
 */
@ApplicationScoped
public class ContactEngagementConsumer {

    private static final String EVENT_TYPE = "ContactEngagementChanged";
    /** Set by the Kafka connector on a record whose value could not be deserialized (fail-on-deserialization-failure=false). */
    private static final String DESERIALIZATION_FAILURE = "deserialization-failure-reason";

    private final ContactEngagementProjection projection;
    private final ContactEngagementEventMapper mapper;
    private final MeterRegistry metrics;

    public ContactEngagementConsumer(ContactEngagementProjection projection, ContactEngagementEventMapper mapper, MeterRegistry metrics) {
        this.projection = projection;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("contact-engagement-in")
    @Blocking
    public CompletionStage<Void> onContactEngagementChanged(KafkaRecordBatch<String, ContactEngagementChanged> batch) {
        Timer.Sample sample = Timer.start(metrics);
        Pending pending = new Pending();
        List<CompletableFuture<Void>> deadLetters = new ArrayList<>();
        for (KafkaRecord<String, ContactEngagementChanged> record : batch) {
            ContactEngagementChanged event = record.getPayload();
            try {
                if (event != null) {
                    pending.add(record, mapper.fromAvro(event));
                    continue;
                }
                Header undecodable = record.getHeaders().lastHeader(DESERIALIZATION_FAILURE);
                if (undecodable != null || record.getKey() == null) {
                    throw new IllegalArgumentException("undecodable record: "
                            + (undecodable == null ? "no key and no value" : new String(undecodable.value(), StandardCharsets.UTF_8)));
                }
                ContactEngagement.Key key = ContactEngagement.Key.parse(record.getKey());
                pending.apply(deadLetters); // what came before the tombstone first
                projection.forget(key);
                count("success", 1);
            } catch (RuntimeException e) {
                deadLetters.add(deadLetter(record, e));
            }
        }
        pending.apply(deadLetters);
        count("dead_lettered", deadLetters.size());
        sample.stop(metrics.timer(IngestMetrics.MESSAGE_PROCESSING, "event.type", EVENT_TYPE));
        return CompletableFuture.allOf(deadLetters.toArray(CompletableFuture[]::new)).thenCompose(written -> batch.ack());
    }

    /** The records gathered since the last tombstone: written together, each that cannot be stored dead-lettered alone. */
    private final class Pending {

        private final List<KafkaRecord<String, ContactEngagementChanged>> records = new ArrayList<>();
        private final List<ContactEngagement> engagements = new ArrayList<>();

        void add(KafkaRecord<String, ContactEngagementChanged> record, ContactEngagement engagement) {
            records.add(record);
            engagements.add(engagement);
        }

        void apply(List<CompletableFuture<Void>> deadLetters) {
            if (engagements.isEmpty()) {
                return;
            }
            List<ContactEngagementProjection.Outcome> outcomes = projection.apply(engagements);
            long applied = 0;
            long ignored = 0;
            for (int i = 0; i < outcomes.size(); i++) {
                ContactEngagementProjection.Outcome outcome = outcomes.get(i);
                if (outcome.failure() != null) {
                    deadLetters.add(deadLetter(records.get(i), outcome.failure()));
                } else if (outcome.applied()) {
                    applied++;
                } else {
                    ignored++;
                }
            }
            count("success", applied);
            count("duplicate", ignored);
            records.clear();
            engagements.clear();
        }
    }

    /** Nacks one record of the batch: the channel's failure strategy writes it to the DLQ with the reason. */
    private static CompletableFuture<Void> deadLetter(KafkaRecord<String, ?> record, Throwable reason) {
        record.getMetadata(IncomingKafkaRecordMetadata.class).ifPresent(at -> Log.infof(
                "contact engagement dead-lettered topic=%s partition=%d offset=%d", at.getTopic(), at.getPartition(), at.getOffset()));
        return record.nack(reason).toCompletableFuture();
    }

    private void count(String outcome, long records) {
        if (records > 0) {
            metrics.counter(IngestMetrics.MESSAGES_PROCESSED, "event.type", EVENT_TYPE, "outcome", outcome).increment(records);
        }
    }
}
