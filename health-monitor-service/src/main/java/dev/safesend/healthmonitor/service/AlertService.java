package dev.safesend.healthmonitor.service;

import dev.safesend.healthmonitor.config.AlertConfig;
import dev.safesend.healthmonitor.domain.AlertDelivery;
import dev.safesend.healthmonitor.domain.AlertFormat;
import dev.safesend.healthmonitor.domain.HealthChange;
import dev.safesend.healthmonitor.domain.HealthState;
import dev.safesend.healthmonitor.mapping.AlertPayloadMapper;
import dev.safesend.healthmonitor.repository.AlertDeliveryRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alerts on sender health: {@link #raise} queues a change for every configured webhook target in the caller's
 * transaction (AlertDeliveryService sends them after it commits), and {@link #senderStates} publishes the per-state
 * counts the Prometheus alert rules read.
 */
@ApplicationScoped
public class AlertService {

    private final AlertConfig config;
    private final AlertDeliveryRepository deliveries;
    private final AlertPayloadMapper payloads;
    private final TransactionSynchronizationRegistry transactions;
    private final Map<HealthState, AtomicLong> senders = new EnumMap<>(HealthState.class);
    private final Map<HealthState, Counter> changes = new EnumMap<>(HealthState.class);

    public AlertService(AlertConfig config, AlertDeliveryRepository deliveries, AlertPayloadMapper payloads,
                        TransactionSynchronizationRegistry transactions, MeterRegistry metrics) {
        this.config = config;
        this.deliveries = deliveries;
        this.payloads = payloads;
        this.transactions = transactions;
        for (HealthState state : HealthState.values()) {
            AtomicLong count = new AtomicLong();
            senders.put(state, count);
            Gauge.builder(HealthMonitorMetrics.SENDERS, count, AtomicLong::get).tag("state", state.name())
                    .description("Sending numbers per health state").register(metrics);
            changes.put(state, Counter.builder(HealthMonitorMetrics.SENDER_CHANGES).tag("to", state.name())
                    .description("Sender health changes committed, by the state changed to").register(metrics));
        }
    }

    /**
     * Queues {@code change} for every configured target: one delivery row per Alertmanager URL and per Slack URL, with
     * its rendered body, written in the caller's transaction (required: it throws
     * {@code jakarta.transaction.TransactionalException} without one). Nothing is sent here; if the transaction rolls
     * back, nothing ever is. Counts {@code health.sender.changes{to}} once the transaction commits.
     *
     * @return the alert's id, in every body (Alertmanager annotation {@code alert_id}, Slack context line)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID raise(HealthChange change) {
        UUID alertId = UUID.randomUUID();
        List<AlertDelivery> rows = new ArrayList<>();
        queue(rows, change, alertId, AlertFormat.ALERTMANAGER, config.alertmanagerTargets());
        queue(rows, change, alertId, AlertFormat.SLACK, config.slackTargets());
        deliveries.add(rows, Instant.now());
        int targets = rows.size();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    changes.get(change.to()).increment();
                    Log.infof("alert %s queued for %d target(s): senderId=%s %s → %s", alertId, targets, change.senderId(),
                            change.from(), change.to());
                }
            }
        });
        return alertId;
    }

    /**
     * Sets the {@code health.senders{state}} gauges to these counts (a state missing from the map counts 0). The
     * evaluator calls it each tick with the number of senders in each state.
     */
    public void senderStates(Map<HealthState, Long> counts) {
        for (HealthState state : HealthState.values()) {
            senders.get(state).set(counts.getOrDefault(state, 0L));
        }
    }

    private void queue(List<AlertDelivery> rows, HealthChange change, UUID alertId, AlertFormat format, List<URI> targets) {
        if (targets.isEmpty()) {
            return;
        }
        Optional<String> body = payloads.render(format, change, alertId);
        body.ifPresent(b -> targets.forEach(target ->
                rows.add(new AlertDelivery(UUID.randomUUID(), alertId, change.senderId(), target, format, b, 0))));
    }
}
