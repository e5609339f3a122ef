package dev.safesend.dispatch.messaging;

import dev.safesend.dispatch.config.DispatchConfig;
import dev.safesend.dispatch.repository.DeferralRepository;
import dev.safesend.dispatch.service.DeferralService;
import dev.safesend.schemas.topic.Topics;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Puts due deferred messages back on their sender's lane (key senderId, so the instance pacing the sender gets
 * them). The rows are deleted only after Kafka acknowledged every re-published record; a crash in between
 * re-publishes them again, and the send ledger keeps that from becoming a second send.
 */
@ApplicationScoped
public class DeferralRelay {

    private final DeferralService deferrals;
    private final DispatchProducer producer;
    private final DispatchConfig config;

    public DeferralRelay(DeferralService deferrals, DispatchProducer producer, DispatchConfig config) {
        this.deferrals = deferrals;
        this.producer = producer;
        this.config = config;
    }

    @Scheduled(every = "${safesend.dispatch.deferral.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        try {
            int n;
            do {
                n = deferrals.reenterDue(config.deferral().batch(), this::republish);
            } while (n >= config.deferral().batch());
        } catch (RuntimeException e) {
            Log.warnf("deferred messages not re-entered this round: %s", e.getMessage());
        }
    }

    private boolean republish(List<DeferralRepository.Deferred> due) {
        CompletableFuture<?>[] acks = due.stream().map(d -> producer.send(
                "urgent".equals(d.lane()) ? Topics.OUTBOUND_URGENT.topicName() : Topics.OUTBOUND_BULK.topicName(),
                d.senderId(), d.payload(),
                Map.of("safesend-attempts", String.valueOf(d.attempts()), "safesend-deferred-reason", d.reason()))
                .toCompletableFuture()).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(acks).get(30, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Log.warnf("re-entry of %d deferred messages not acknowledged; they stay deferred: %s", due.size(), e.getMessage());
            return false;
        }
    }
}
