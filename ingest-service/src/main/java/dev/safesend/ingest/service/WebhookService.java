package dev.safesend.ingest.service;

import dev.safesend.ingest.config.IngestConfig;
import dev.safesend.ingest.domain.WebhookBatch;
import dev.safesend.ingest.domain.WebhookSignature;
import dev.safesend.ingest.mapping.WebhookPayloadMapper;
import dev.safesend.ingest.messaging.WebhookEventProducer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Verifies and normalises Meta's webhooks, and answers only once their events are durably in Kafka. */
@ApplicationScoped
public class WebhookService {

    private final IngestConfig config;
    private final WebhookPayloadMapper payloads;
    private final WebhookEventProducer producer;
    private final MeterRegistry metrics;

    public WebhookService(IngestConfig config, WebhookPayloadMapper payloads, WebhookEventProducer producer,
                          MeterRegistry metrics) {
        this.config = config;
        this.payloads = payloads;
        this.producer = producer;
        this.metrics = metrics;
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

    public void receive(byte[] body) {
        WebhookBatch batch = payloads.parse(body);
        producer.publish(batch).await().atMost(config.publishTimeout());
        metrics.counter(IngestMetrics.WEBHOOKS_RECEIVED).increment();
        metrics.counter(IngestMetrics.WEBHOOK_UPDATES_PUBLISHED).increment(batch.size());
        Log.debugf("webhook: %d statuses, %d inbound, %d account signals published",
                batch.statuses().size(), batch.inbound().size(), batch.accountSignals().size());
    }
}
