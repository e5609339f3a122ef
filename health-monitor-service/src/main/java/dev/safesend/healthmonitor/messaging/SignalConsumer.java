package dev.safesend.healthmonitor.messaging;

import dev.safesend.healthmonitor.domain.AccountSignal;
import dev.safesend.healthmonitor.domain.OptOut;
import dev.safesend.healthmonitor.domain.Reply;
import dev.safesend.healthmonitor.domain.StatusSignal;
import dev.safesend.healthmonitor.mapping.HealthEventMapper;
import dev.safesend.healthmonitor.service.AccountService;
import dev.safesend.healthmonitor.service.HealthMonitorMetrics;
import dev.safesend.healthmonitor.service.SignalService;
import dev.safesend.schemas.account.AccountEventReceived;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.MessageStatusChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The monitor's inputs: statuses (wa.message-events.v1), replies (wa.inbound-messages.v1), opt-outs
 * (wa.consent-changes.v1) in batches, one transaction each; Meta's account signals (wa.account-events.v1) one at a
 * time. A record that cannot be decoded or mapped goes to its topic's DLQ with the reason; the batch is acknowledged
 * after its dead letters are written and its transaction committed. A failed transaction fails the batch, which
 * Kafka then redelivers: nothing counted twice, since every row remembers what it counted.
 */
@ApplicationScoped
public class SignalConsumer {

    /** Set by the Kafka connector on a record whose value could not be deserialized (fail-on-deserialization-failure=false). */
    private static final String DESERIALIZATION_FAILURE = "deserialization-failure-reason";

    private final SignalService signals;
    private final AccountService accounts;
    private final HealthEventMapper mapper;
    private final MeterRegistry metrics;
    private final UntilDone untilDone;

    public SignalConsumer(SignalService signals, AccountService accounts, HealthEventMapper mapper, MeterRegistry metrics,
                          UntilDone untilDone) {
        this.untilDone = untilDone;
        this.signals = signals;
        this.accounts = accounts;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("message-events-in")
    @Blocking
    public CompletionStage<Void> onMessageStatusChanged(KafkaRecordBatch<String, MessageStatusChanged> batch) {
        return batch(batch, "MessageStatusChanged", mapper::status, list -> untilDone.run(() -> signals.statuses(list)).signals());
    }

    @Incoming("inbound-messages-in")
    @Blocking
    public CompletionStage<Void> onInboundMessageReceived(KafkaRecordBatch<String, InboundMessageReceived> batch) {
        return batch(batch, "InboundMessageReceived", mapper::reply, list -> untilDone.run(() -> signals.replies(list)).signals());
    }

    @Incoming("consent-changes-in")
    @Blocking
    public CompletionStage<Void> onConsentChanged(KafkaRecordBatch<String, ConsentChanged> batch) {
        return batch(batch, "ConsentChanged", mapper::optOut, list -> untilDone.run(() -> signals.optOuts(list)).signals());
    }

    @Incoming("account-events-in")
    @Blocking
    public CompletionStage<Void> onAccountEventReceived(Message<AccountEventReceived> message) {
        AccountEventReceived event = message.getPayload();
        try {
            if (event == null) {
                throw new IllegalArgumentException("undecodable record");
            }
            AccountSignal signal = mapper.account(event);
            boolean first = untilDone.run(() -> accounts.apply(signal));
            count("AccountEventReceived", first ? "success" : "duplicate", 1);
            return message.ack();
        } catch (RuntimeException e) {
            Log.warnf("account event dead-lettered: %s", e.getMessage());
            count("AccountEventReceived", "dead_lettered", 1);
            return message.nack(e);
        }
    }

    /** A transaction that can fail (the database), so a batch is redelivered rather than acknowledged. */
    @FunctionalInterface
    interface BatchWork<T> {
        int apply(List<T> items);
    }

    private <V, T> CompletionStage<Void> batch(KafkaRecordBatch<String, V> batch, String type, Function<V, Optional<T>> map,
                                               BatchWork<T> work) {
        Timer.Sample sample = Timer.start(metrics);
        List<T> items = new ArrayList<>();
        List<CompletableFuture<Void>> deadLetters = new ArrayList<>();
        int skipped = 0;
        for (KafkaRecord<String, V> record : batch) {
            V value = record.getPayload();
            try {
                if (value == null) {
                    Header undecodable = record.getHeaders().lastHeader(DESERIALIZATION_FAILURE);
                    if (undecodable == null) {
                        skipped++; // a tombstone (an erased contact): nothing to count
                        continue;
                    }
                    throw new IllegalArgumentException("undecodable record: " + new String(undecodable.value(), StandardCharsets.UTF_8));
                }
                Optional<T> item = map.apply(value);
                if (item.isPresent()) {
                    items.add(item.get());
                } else {
                    skipped++;
                }
            } catch (RuntimeException e) {
                deadLetters.add(record.nack(e).toCompletableFuture());
            }
        }
        int counted = items.isEmpty() ? 0 : work.apply(items);
        metrics.counter(HealthMonitorMetrics.SIGNALS, "event.type", type).increment(counted);
        count(type, "success", items.size() + skipped);
        count(type, "dead_lettered", deadLetters.size());
        sample.stop(metrics.timer(HealthMonitorMetrics.PROCESSING, "event.type", type));
        return CompletableFuture.allOf(deadLetters.toArray(CompletableFuture[]::new)).thenCompose(written -> batch.ack());
    }

    private void count(String type, String outcome, long n) {
        if (n > 0) {
            metrics.counter(HealthMonitorMetrics.PROCESSED, "event.type", type, "outcome", outcome).increment(n);
        }
    }
}
