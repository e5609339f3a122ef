package dev.safesend.ingest.service;

import dev.safesend.ingest.config.IngestConfig;
import dev.safesend.ingest.domain.CustomerWindow;
import dev.safesend.ingest.domain.WebhookBatch;
import dev.safesend.ingest.domain.WebhookSignature;
import dev.safesend.ingest.mapping.WebhookPayloadMapper;
import dev.safesend.ingest.repository.CustomerWindowRepository;
import dev.safesend.ingest.repository.UnidentifiedUpdateRepository;
import dev.safesend.ingest.repository.WebhookReceiptRepository;
import dev.safesend.ingest.domain.StatusUpdate;
import dev.safesend.servicekit.tracing.MessageTraces;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Verifies and normalises Meta's webhooks, drops what an earlier delivery already turned into events, records
 * the 24 h customer windows, and answers only once the events are durably in Kafka: the receipts, the windows and
 * the Kafka acknowledgement share one transaction, so a delivery that fails is processed again on Meta's retry.
 */
@ApplicationScoped
public class WebhookService {

    private final IngestConfig config;
    private final WebhookPayloadMapper payloads;
    private final WebhookEvents producer;
    private final WebhookReceiptRepository receipts;
    private final CustomerWindowRepository windows;
    private final UnidentifiedUpdateRepository unidentified;
    private final MeterRegistry metrics;
    private final Rounds<WebhookBatch, WebhookBatch> rounds;
    private final IntakeState intake;
    private final Tracer tracer;
    private final boolean tracing;

    public WebhookService(IngestConfig config, WebhookPayloadMapper payloads, WebhookEvents producer,
                          WebhookReceiptRepository receipts, CustomerWindowRepository windows,
                          UnidentifiedUpdateRepository unidentified, MeterRegistry metrics, IntakeState intake, Tracer tracer,
                          @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean tracingOff) {
        this.tracing = !tracingOff;
        this.intake = intake;
        this.tracer = tracer;
        this.unidentified = unidentified;
        this.config = config;
        this.payloads = payloads;
        this.producer = producer;
        this.receipts = receipts;
        this.windows = windows;
        this.metrics = metrics;
        this.rounds = new Rounds<>(this::storeRound, PublishUnavailableException.class::isInstance, config.webhook().writers(), config.webhook().maxRound(),
                config.publishTimeout().plusSeconds(5), "ingest-webhook-writer");
    }

    /**
     * Stores and publishes the deliveries of one round in one transaction: the receipts claimed (an update two
     * deliveries of the round share counts for the first), the windows recorded, every event published and acknowledged.
     * Returns, per delivery, what was new in it.
     */
    private List<WebhookBatch> storeRound(List<WebhookBatch> deliveries) {
        metrics.summary(IngestMetrics.WEBHOOK_ROUND_SIZE).record(deliveries.size());
        return metrics.timer(IngestMetrics.WEBHOOK_ROUND).record(() -> storeInOneTransaction(deliveries));
    }

    private List<WebhookBatch> storeInOneTransaction(List<WebhookBatch> deliveries) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<String> freshKeys = new HashSet<>(receipts.claimFresh(deliveries.stream().flatMap(b -> b.dedupeKeys().stream()).toList()));
            List<WebhookBatch> novel = new ArrayList<>(deliveries.size());
            for (WebhookBatch b : deliveries) {
                WebhookBatch n = b.onlyFresh(freshKeys);
                freshKeys.removeAll(n.dedupeKeys());
                novel.add(n);
            }
            WebhookBatch all = WebhookBatch.concat(novel);
            windows.record(all.inbound().stream().flatMap(m -> CustomerWindow.of(m).stream()).toList());
            unidentified.record(all.unidentified());
            Publication.await(producer.publish(all), config.publishTimeout());
            return novel;
        });
    }

    void start(@Observes StartupEvent start) {
        rounds.start();
    }

    void stop(@Observes ShutdownEvent stop) {
        rounds.stop();
    }

    /**
     * One span per new status of one of our messages, in the message's trace (its messageId came back as Meta's
     * {@code biz_opaque_callback_data}; Meta sends no trace context): from the delivery's arrival until its events were
     * acknowledged, linked to the webhook request. A status without our messageId (keyed by wamid) has no message trace.
     */
    private void traceStatuses(List<StatusUpdate> statuses, long receivedNanos) {
        if (!tracing) {
            return; // the SDK is off (everywhere but %prod): no span built, no id parsed per status
        }
        SpanContext request = Span.current().getSpanContext();
        for (StatusUpdate s : statuses) {
            if (MessageTraces.traceId(s.messageId()).isEmpty()) {
                continue;
            }
            var span = tracer.spanBuilder("webhook status " + s.status().name()).setSpanKind(SpanKind.SERVER)
                    .setParent(MessageTraces.parent(s.messageId())).setStartTimestamp(receivedNanos, TimeUnit.NANOSECONDS)
                    .setAttribute(MessageTraces.MESSAGE_ID, s.messageId())
                    .setAttribute(MessageTraces.SENDER_ID, s.senderId())
                    .setAttribute("safesend.status", s.status().name());
            if (s.errorCode() != null) {
                span.setAttribute("safesend.error.code", s.errorCode().longValue());
            }
            if (request.isValid()) {
                span.addLink(request);
            }
            span.startSpan().end();
        }
    }

    /** What one delivery did: updates in it, new ones published, duplicates dropped. */
    public record Receipt(int updates, int published, int duplicates) {
    }

    public boolean verifyTokenMatches(String token) {
        return token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                config.webhook().verifyToken().getBytes(StandardCharsets.UTF_8));
    }

    public boolean signatureMatches(byte[] body, String header) {
        boolean ok = WebhookSignature.matches(body, header, config.webhook().appSecret());
        if (!ok) {
            metrics.counter(IngestMetrics.WEBHOOKS_REJECTED, "reason", header == null ? "missing_signature" : "bad_signature").increment();
            Log.warnf("rejected a webhook with %s signature (%d bytes)", header == null ? "no" : "a wrong", body == null ? 0 : body.length);
        }
        return ok;
    }

    /** @throws dev.safesend.ingest.domain.MalformedWebhookException when the body is not Meta's envelope */
    public Receipt receive(byte[] body) {
        long receivedNanos = tracing ? MessageTraces.epochNanosNow() : 0;
        io.micrometer.core.instrument.Timer.Sample sample = io.micrometer.core.instrument.Timer.start(metrics);
        WebhookBatch batch;
        try {
            batch = payloads.parse(body);
        } catch (RuntimeException e) {
            metrics.counter(IngestMetrics.WEBHOOKS_REJECTED, "reason", "malformed").increment();
            throw e;
        }
        for (String field : batch.unknownFields()) {
            metrics.counter(IngestMetrics.WEBHOOK_FIELDS_UNRECOGNIZED, "field", field).increment();
            Log.infof("webhook change field '%s' is not one ingest knows: recorded as an OTHER account event", field);
        }
        long ticket = intake.arrived(!batch.inbound().isEmpty() || !batch.accountSignals().isEmpty());
        WebhookBatch fresh;
        boolean refused = true; // answered with an error: Meta retries it, and until then a STOP in it is unseen
        try {
            fresh = rounds.submit(batch);
            refused = false;
        } finally {
            intake.answered(ticket, refused);
        }
        traceStatuses(fresh.statuses(), receivedNanos);
        for (var u : fresh.unidentified()) { // Meta's retries of one are stored and counted once
            metrics.counter(IngestMetrics.WEBHOOK_UPDATES_UNIDENTIFIED, "field", u.field()).increment();
            Log.warnf("webhook %s update names no valid phone and no BSUID (%s): stored, see GET /v1/webhooks/unidentified", u.field(), u.reason());
        }
        sample.stop(metrics.timer(IngestMetrics.WEBHOOK_PROCESSING));
        int duplicates = batch.size() - fresh.size();
        metrics.counter(IngestMetrics.WEBHOOKS_RECEIVED).increment();
        metrics.counter(IngestMetrics.WEBHOOK_UPDATES_PUBLISHED).increment(fresh.size());
        if (duplicates > 0) {
            metrics.counter(IngestMetrics.WEBHOOK_UPDATES_DEDUPLICATED).increment(duplicates);
        }
        Log.debugf("webhook: %d statuses, %d inbound, %d account signals published; %d duplicates dropped",
                fresh.statuses().size(), fresh.inbound().size(), fresh.accountSignals().size(), duplicates);
        return new Receipt(batch.size(), fresh.size(), duplicates);
    }
}
