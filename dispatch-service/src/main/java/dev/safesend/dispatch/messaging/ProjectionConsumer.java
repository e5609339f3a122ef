package dev.safesend.dispatch.messaging;

import dev.safesend.dispatch.domain.ConsentSnapshot;
import dev.safesend.dispatch.domain.ContactEngagement;
import dev.safesend.dispatch.domain.InboundMessage;
import dev.safesend.dispatch.mapping.ProjectionEventMapper;
import dev.safesend.dispatch.service.DispatchMetrics;
import dev.safesend.dispatch.service.ProjectionService;
import dev.safesend.schemas.campaign.CampaignStateChanged;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.health.ContactEngagementChanged;
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
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Consumes the topics the gate reads (consent, inbound messages for the 24 h window, sender health, contacts'
 * engagement, campaign state) into dispatch's own projections. Poison records go to each topic's DLQ.
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
        Pending<ConsentChanged, ConsentSnapshot> pending = new Pending<>("ConsentChanged", projections::applyConsents);
        List<CompletableFuture<Void>> deadLetters = new ArrayList<>();
        for (KafkaRecord<String, ConsentChanged> record : batch) {
            ConsentChanged event = record.getPayload();
            if (event == null) {
                Header undecodable = record.getHeaders().lastHeader(DESERIALIZATION_FAILURE);
                if (undecodable != null) {
                    deadLetters.add(deadLetter(record, new IllegalArgumentException(new String(undecodable.value(), StandardCharsets.UTF_8))));
                } else if (record.getKey() != null) {
                    // a tombstone, published by consent-service right after an erase's opted-out record: what came before
                    // it is applied first, then the phone is forgotten, so compaction can drop the number from the topic
                    pending.apply(deadLetters);
                    projections.forgetConsent(record.getKey());
                    count("ConsentChanged", "success", 1);
                }
                continue;
            }
            try {
                pending.add(record, mapper.consent(event));
            } catch (RuntimeException e) {
                deadLetters.add(deadLetter(record, e));
            }
        }
        pending.apply(deadLetters);
        count("ConsentChanged", "dead_lettered", deadLetters.size());
        return CompletableFuture.allOf(deadLetters.toArray(CompletableFuture[]::new)).thenCompose(written -> batch.ack());
    }

    /**
     * Contacts' engagement (health-monitor's, key {@code project/contact}) in batches, like consent changes: what one poll
     * returned is applied in one transaction, per (project, contact) the newest when newer than the state held (an
     * older or repeated record changes nothing). An undecodable record, or one that names no project or contact or that
     * the projection cannot store, is dead-lettered alone with its reason; a tombstone forgets the engagement. The batch
     * is acknowledged after its dead letters.
     */
    @Incoming("contact-engagement-in")
    @Blocking
    public CompletionStage<Void> onContactEngagementChanged(KafkaRecordBatch<String, ContactEngagementChanged> batch) {
        Pending<ContactEngagementChanged, ContactEngagement> pending = new Pending<>("ContactEngagementChanged",
                projections::applyEngagements);
        List<CompletableFuture<Void>> deadLetters = new ArrayList<>();
        for (KafkaRecord<String, ContactEngagementChanged> record : batch) {
            ContactEngagementChanged event = record.getPayload();
            try {
                if (event != null) {
                    pending.add(record, mapper.engagement(event));
                    continue;
                }
                Header undecodable = record.getHeaders().lastHeader(DESERIALIZATION_FAILURE);
                if (undecodable != null || record.getKey() == null) {
                    throw new IllegalArgumentException("undecodable record: "
                            + (undecodable == null ? "no key and no value" : new String(undecodable.value(), StandardCharsets.UTF_8)));
                }
                ProjectionEventMapper.EngagementKey key = mapper.engagementKey(record.getKey());
                pending.apply(deadLetters);
                projections.forgetEngagement(key.project(), key.contact());
                count("ContactEngagementChanged", "success", 1);
            } catch (RuntimeException e) {
                deadLetters.add(deadLetter(record, e));
            }
        }
        pending.apply(deadLetters);
        count("ContactEngagementChanged", "dead_lettered", deadLetters.size());
        return CompletableFuture.allOf(deadLetters.toArray(CompletableFuture[]::new)).thenCompose(written -> batch.ack());
    }

    /**
     * The records of a batch gathered since the last {@link #apply}: applied together, each that cannot be stored
     * dead-lettered alone, the applied and ignored ones counted.
     */
    private final class Pending<E, S> {

        private final String type;
        private final Function<List<S>, List<ProjectionService.Outcome>> applier;
        private final List<KafkaRecord<String, E>> records = new ArrayList<>();
        private final List<S> states = new ArrayList<>();

        Pending(String type, Function<List<S>, List<ProjectionService.Outcome>> applier) {
            this.type = type;
            this.applier = applier;
        }

        void add(KafkaRecord<String, E> record, S state) {
            records.add(record);
            states.add(state);
        }

        void apply(List<CompletableFuture<Void>> deadLetters) {
            if (states.isEmpty()) {
                return;
            }
            List<ProjectionService.Outcome> outcomes = applier.apply(states);
            long applied = 0;
            long ignored = 0;
            for (int i = 0; i < outcomes.size(); i++) {
                ProjectionService.Outcome outcome = outcomes.get(i);
                if (outcome.failure() != null) {
                    deadLetters.add(deadLetter(records.get(i), outcome.failure()));
                } else if (outcome.applied()) {
                    applied++;
                } else {
                    ignored++;
                }
            }
            count(type, "success", applied);
            count(type, "duplicate", ignored);
            records.clear();
            states.clear();
        }
    }

    /** Nacks one record of a batch: the channel's failure strategy writes it to {@code <topic>.dlq} with the reason. */
    private static CompletableFuture<Void> deadLetter(KafkaRecord<String, ?> record, Throwable reason) {
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

    /**
     * health-monitor's decision on a sender: applied unless a later one is held (then counted as a duplicate). A record
     * that cannot be mapped or stored is dead-lettered by the channel with its reason.
     */
    @Incoming("sender-health-in")
    @Blocking
    public void onSenderHealthChanged(SenderHealthChanged event) {
        if (event == null) {
            return;
        }
        count("SenderHealthChanged", () -> projections.applySenderHealth(mapper.senderHealth(event)) ? "success" : "duplicate");
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
