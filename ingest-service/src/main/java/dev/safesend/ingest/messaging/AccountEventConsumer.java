package dev.safesend.ingest.messaging;

import dev.safesend.ingest.domain.AccountSignal;
import dev.safesend.ingest.mapping.MessageEventMapper;
import dev.safesend.ingest.service.IngestMetrics;
import dev.safesend.ingest.service.TemplateRegistryService;
import dev.safesend.schemas.account.AccountEventReceived;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * wa.account-events.v1 → the template registry: template status and quality updates (the webhook publishes
 * them; this consumer, in ingest's shared group, applies them once). Applying the same event twice leaves the
 * same state. Other account events are skipped; an undecodable record goes to wa.account-events.v1.dlq.
 */
@ApplicationScoped
public class AccountEventConsumer {

    private final TemplateRegistryService templates;
    private final MessageEventMapper mapper;
    private final MeterRegistry metrics;

    public AccountEventConsumer(TemplateRegistryService templates, MessageEventMapper mapper, MeterRegistry metrics) {
        this.templates = templates;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("account-events-in")
    @Blocking
    public void onAccountEventReceived(AccountEventReceived event) {
        Timer.Sample sample = Timer.start(metrics);
        String outcome = "dead_lettered";
        try {
            if (event == null) {
                throw new IllegalArgumentException("undecodable record (see deserialization-failure-reason header)");
            }
            AccountSignal signal = mapper.fromAvro(event);
            if (signal.kind() == AccountSignal.Kind.TEMPLATE_STATUS || signal.kind() == AccountSignal.Kind.TEMPLATE_QUALITY) {
                templates.apply(signal);
                outcome = "success";
            } else {
                outcome = "skipped";
            }
        } finally {
            sample.stop(metrics.timer(IngestMetrics.MESSAGE_PROCESSING, "event.type", "AccountEventReceived"));
            metrics.counter(IngestMetrics.MESSAGES_PROCESSED, "event.type", "AccountEventReceived", "outcome", outcome).increment();
        }
    }
}
