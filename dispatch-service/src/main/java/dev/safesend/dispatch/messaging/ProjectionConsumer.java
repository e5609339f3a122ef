package dev.safesend.dispatch.messaging;

import dev.safesend.dispatch.domain.ConsentSnapshot;
import dev.safesend.dispatch.domain.InboundMessage;
import dev.safesend.dispatch.mapping.ProjectionEventMapper;
import dev.safesend.dispatch.service.DispatchMetrics;
import dev.safesend.dispatch.service.ProjectionService;
import dev.safesend.schemas.campaign.CampaignStateChanged;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.health.SenderHealthChanged;
import dev.safesend.schemas.message.InboundMessageReceived;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Consumes the topics the gate reads (consent, inbound messages for the 24 h window, sender health,
 * campaign state) into dispatch's own projections. Poison records go to each topic's DLQ.
 */
@ApplicationScoped
public class ProjectionConsumer {

    /** Set by the Kafka connector on a record whose value could not be deserialized (fail-on-deserialization-failure=false). */
    private static final String DESERIALIZATION_FAILURE = "deserialization-failure-reason";

    private final ProjectionService projections;
    private final ProjectionEventMapper mapper;
    private final MeterRegistry metrics;

    public ProjectionConsumer(ProjectionService projections, ProjectionEventMapper mapper, MeterRegistry metrics) {
        this.projections = projections;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    /**
     * Consent changes arrive in batches (whatever one poll returned) and a batch is applied in one transaction; an
     * import's hundreds of thousands of changes no longer cost a transaction each. Stale and repeated versions are
     * ignored as one at a time would ignore them. Each poison record is dead-lettered on its own (an undecodable one
     * with the deserializer's reason, one the projection cannot store with the database's), the rest applied; the
     * batch is acknowledged only after every dead letter is written.
     */
    @Incoming("consent-changes-in")
    @Blocking
    public CompletionStage<Void> onConsentChanged(KafkaRecordBatch<String, ConsentChanged> batch) {
        List<KafkaRecord<String, ConsentChanged>> records = new ArrayList<>();
        List<ConsentSnapshot> snapshots = new ArrayList<>();
        List<CompletableFuture<Void>> deadLetters = new ArrayList<>();
        long[] appliedIgnored = new long[2];
        for (KafkaRecord<String, ConsentChanged> record : batch) {
            ConsentChanged event = record.getPayload();
            if (event == null) {
                Header undecodable = record.getHeaders().lastHeader(DESERIALIZATION_FAILURE);
                if (undecodable != null) {
                    deadLetters.add(deadLetter(record, new IllegalArgumentException(new String(undecodable.value(), StandardCharsets.UTF_8))));
                } else if (record.getKey() != null) {
                    // a tombstone, published by consent-service right after an erase's opted-out record: what came before
                    // it is applied first, then the phone is forgotten, so compaction can drop the number from the topic
                    apply(records, snapshots, deadLetters, appliedIgnored);
                    projections.forgetConsent(record.getKey());
                    count("ConsentChanged", "success", 1);
                }
                continue;
            }
            try {
                snapshots.add(mapper.consent(event));
                records.add(record);
            } catch (RuntimeException e) {
                deadLetters.add(deadLetter(record, e));
            }
        }
        apply(records, snapshots, deadLetters, appliedIgnored);
        count("ConsentChanged", "success", appliedIgnored[0]);
        count("ConsentChanged", "duplicate", appliedIgnored[1]);
        count("ConsentChanged", "dead_lettered", deadLetters.size());
        return CompletableFuture.allOf(deadLetters.toArray(CompletableFuture[]::new)).thenCompose(written -> batch.ack());
    }

    /** Applies the snapshots gathered so far (then clears them), dead-lettering each one that cannot be stored. */
    private void apply(List<KafkaRecord<String, ConsentChanged>> records, List<ConsentSnapshot> snapshots,
                       List<CompletableFuture<Void>> deadLetters, long[] appliedIgnored) {
        List<ProjectionService.ConsentOutcome> outcomes = projections.applyConsents(snapshots);
        for (int i = 0; i < outcomes.size(); i++) {
            ProjectionService.ConsentOutcome outcome = outcomes.get(i);
            if (outcome.failure() != null) {
                deadLetters.add(deadLetter(records.get(i), outcome.failure()));
            } else {
                appliedIgnored[outcome.applied() ? 0 : 1]++;
            }
        }
        records.clear();
        snapshots.clear();
    }

    /** Nacks one record of a batch: the channel's failure strategy writes it to wa.consent-changes.v1.dlq with the reason. */
    private static CompletableFuture<Void> deadLetter(KafkaRecord<String, ConsentChanged> record, Throwable reason) {
        return record.nack(reason).toCompletableFuture();
    }

    /**
     * Inbound messages in batches, recorded in one transaction: each opens its 24 h window and marks its writer as
     * possibly changing consent (the record's partition and offset) until the opt-out path has caught up with it. A
     * burst of STOPs must not queue here, or dispatch would not know whom to hold. Undecodable records are dead-lettered
     * alone; the batch is acknowledged after its dead letters.
     */
    @Incoming("inbound-messages-in")
    @Blocking
    public CompletionStage<Void> onInboundMessagesReceived(KafkaRecordBatch<String, InboundMessageReceived> batch) {
        List<InboundMessage> messages = new ArrayList<>();
        List<CompletableFuture<Void>> deadLetters = new ArrayList<>();
        for (KafkaRecord<String, InboundMessageReceived> record : batch) {
            InboundMessageReceived event = record.getPayload();
            try {
                if (event == null) {
                    Header undecodable = record.getHeaders().lastHeader(DESERIALIZATION_FAILURE);
                    throw new IllegalArgumentException("undecodable record: "
                            + (undecodable == null ? "no value" : new String(undecodable.value(), StandardCharsets.UTF_8)));
                }
                IncomingKafkaRecordMetadata<?, ?> at = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
                messages.add(mapper.inbound(event, at.getPartition(), at.getOffset()));
            } catch (RuntimeException e) {
                deadLetters.add(record.nack(e).toCompletableFuture());
            }
        }
        projections.recordInbound(messages);
        count("InboundMessageReceived", "success", messages.size());
        count("InboundMessageReceived", "dead_lettered", deadLetters.size());
        return CompletableFuture.allOf(deadLetters.toArray(CompletableFuture[]::new)).thenCompose(written -> batch.ack());
    }

    @Incoming("sender-health-in")
    @Blocking
    public void onSenderHealthChanged(SenderHealthChanged event) {
        if (event == null) {
            return;
        }
        count("SenderHealthChanged", () -> {
            projections.applySenderHealth(mapper.senderHealth(event));
            return "success";
        });
    }

    @Incoming("campaign-events-in")
    @Blocking
    public void onCampaignStateChanged(CampaignStateChanged event) {
        count("CampaignStateChanged", () -> {
            projections.applyCampaignState(event.getCampaignId(), event.getState().name(), event.getOccurredAt());
            return "success";
        });
    }

    private void count(String type, String outcome, long records) {
        if (records > 0) {
            metrics.counter(DispatchMetrics.MESSAGES_PROCESSED, "event.type", type, "lane", "none", "outcome", outcome).increment(records);
        }
    }

    private void count(String type, Supplier<String> work) {
        String outcome = "dead_lettered";
        try {
            outcome = work.get();
        } finally {
            metrics.counter(DispatchMetrics.MESSAGES_PROCESSED, "event.type", type, "lane", "none", "outcome", outcome).increment();
        }
    }
}
