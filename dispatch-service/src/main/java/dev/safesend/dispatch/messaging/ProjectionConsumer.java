package dev.safesend.dispatch.messaging;

import dev.safesend.dispatch.mapping.ProjectionEventMapper;
import dev.safesend.dispatch.service.DispatchMetrics;
import dev.safesend.dispatch.service.ProjectionService;
import dev.safesend.schemas.campaign.CampaignStateChanged;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.health.SenderHealthChanged;
import dev.safesend.schemas.message.InboundMessageReceived;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.function.Supplier;

/**
 * Consumes the topics the gate reads (consent, inbound messages for the 24 h window, sender health,
 * campaign state) into dispatch's own projections. Poison records go to each topic's DLQ.
 */
@ApplicationScoped
public class ProjectionConsumer {

    private final ProjectionService projections;
    private final ProjectionEventMapper mapper;
    private final MeterRegistry metrics;

    public ProjectionConsumer(ProjectionService projections, ProjectionEventMapper mapper, MeterRegistry metrics) {
        this.projections = projections;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("consent-changes-in")
    @Blocking
    public void onConsentChanged(ConsentChanged event) {
        if (event == null) {
            return; // a tombstone on the compacted topic: consent-service never deletes, erase is a record with erased=true
        }
        count("ConsentChanged", () -> projections.applyConsent(mapper.consent(event)) ? "success" : "duplicate");
    }

    @Incoming("inbound-messages-in")
    @Blocking
    public void onInboundMessageReceived(InboundMessageReceived event) {
        count("InboundMessageReceived", () -> {
            projections.recordInbound(event.getSenderId(), event.getPhone(), event.getReceivedAt());
            return "success";
        });
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

    private void count(String type, Supplier<String> work) {
        String outcome = "dead_lettered";
        try {
            outcome = work.get();
        } finally {
            metrics.counter(DispatchMetrics.MESSAGES_PROCESSED, "event.type", type, "lane", "none", "outcome", outcome).increment();
        }
    }
}
