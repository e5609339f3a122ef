package dev.safesend.dispatch.service;

import dev.safesend.dispatch.client.CloudApiClient;
import dev.safesend.dispatch.config.DispatchConfig;
import dev.safesend.dispatch.domain.SenderHealth;
import dev.safesend.dispatch.domain.gate.Backoff;
import dev.safesend.dispatch.domain.gate.DispatchGate;
import dev.safesend.dispatch.domain.gate.QuietHours;
import dev.safesend.dispatch.mapping.CloudApiMapper;
import dev.safesend.dispatch.repository.DeferralRepository;
import dev.safesend.dispatch.repository.GateReadRepository;
import dev.safesend.dispatch.repository.ProjectionRepository;
import dev.safesend.dispatch.repository.SendLedgerRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/** What every sender's pacing loop shares: the stores, the Cloud API, the event producer, the rules and the knobs. */
record PacingContext(
        ScheduledExecutorService executor,
        Clock clock,
        DispatchGate gate,
        Backoff backoff,
        GateReadRepository gateReads,
        SendLedgerRepository ledger,
        DeferralRepository deferrals,
        ProjectionRepository projections,
        SenderRegistryService registry,
        PortfolioBudgets budgets,
        CloudApiClient cloudApi,
        CloudApiMapper requests,
        MessageEvents events,
        MeterRegistry metrics,
        DispatchConfig config,
        OptOutPath optOutPath,
        Stopping stopping,
        DispatchSpans spans) {

    /** The gate with a sender's own quiet hours (the recipient's local time still decides). */
    DispatchGate gateFor(LocalTime quietStart, LocalTime quietEnd) {
        return new DispatchGate(new QuietHours(quietStart, quietEnd, ZoneOffset.UTC), config.gate().pairInterval(),
                config.gate().marketingPerDay(), config.gate().identicalContentWindow(), config.optOutPath().recheck());
    }

    int maxInFlight() {
        return config.pacing().maxInFlight();
    }

    int maxBatch() {
        return config.pacing().maxBatch();
    }

    double burstSeconds() {
        return config.pacing().burstSeconds();
    }

    double queueSeconds() {
        return config.pacing().queueSeconds();
    }

    Duration senderRefresh() {
        return config.pacing().senderRefresh();
    }

    Duration senderBackoff() {
        return config.retry().senderBackoff();
    }

    Duration maxSenderBackoff() {
        return config.retry().maxSenderBackoff();
    }

    DispatchConfig.Gate gateSettings() {
        return config.gate();
    }

    Optional<SenderHealth> health(String senderId) {
        return projections.senderHealth(senderId);
    }

    /** One message's outcome at the gate or after the call, by reason and sender. */
    void count(String senderId, String outcome, String reason) {
        metrics.counter(DispatchMetrics.MESSAGES, "outcome", outcome, "reason", reason, "sender", senderId).increment();
    }

    void alert(String senderId, String reason) {
        metrics.counter(DispatchMetrics.SENDER_PAUSED, "reason", reason, "sender", senderId).increment();
    }

    /** Cloud API call latency of one sender (looked up once per sender, not per call). */
    Timer callLatency(String senderId) {
        return Timer.builder(DispatchMetrics.CLOUD_API_LATENCY).tag("sender", senderId).publishPercentileHistogram().register(metrics);
    }

    /** Lane arrival → call, per lane. */
    Timer tokenWait(QueuedSend.Lane lane) {
        return Timer.builder(DispatchMetrics.TOKEN_WAIT).tag("lane", lane.wire()).publishPercentileHistogram().register(metrics);
    }
}
