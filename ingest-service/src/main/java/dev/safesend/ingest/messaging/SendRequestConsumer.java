package dev.safesend.ingest.messaging;

import dev.safesend.ingest.domain.IdempotencyConflictException;
import dev.safesend.ingest.domain.MessageRequest;
import dev.safesend.ingest.domain.RequestRejectedException;
import dev.safesend.ingest.mapping.MessageEventMapper;
import dev.safesend.ingest.service.IngestMetrics;
import dev.safesend.ingest.service.MessageIntakeService;
import dev.safesend.schemas.message.SendRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * wa.send-requests.v1: the same request as POST /v1/messages, for internal systems that prefer Kafka. The request
 * id is the idempotency key (a redelivery is answered from the stored result and publishes nothing); a refused
 * request becomes one REJECTED event with its reasons. An undecodable record goes to wa.send-requests.v1.dlq.
 */
@ApplicationScoped
public class SendRequestConsumer {

    private final MessageIntakeService intake;
    private final MessageEventMapper mapper;
    private final MeterRegistry metrics;

    public SendRequestConsumer(MessageIntakeService intake, MessageEventMapper mapper, MeterRegistry metrics) {
        this.intake = intake;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Incoming("send-requests-in")
    @Blocking
    public void onSendRequest(SendRequest request) {
        Timer.Sample sample = Timer.start(metrics);
        String outcome = "dead_lettered";
        try {
            if (request == null) {
                throw new IllegalArgumentException("undecodable record (see deserialization-failure-reason header)");
            }
            MessageRequest domain = mapper.fromAvro(request);
            String requestId = request.getRequestId();
            try {
                outcome = intake.acceptFromKafka(domain, requestId).replayed() ? "duplicate" : "success";
            } catch (RequestRejectedException e) {
                if (e.alreadyHandled()) {
                    outcome = "duplicate";
                } else {
                    outcome = intake.rejectFromKafka(domain, requestId, e.violations()) ? "rejected" : "duplicate";
                }
            } catch (IdempotencyConflictException e) {
                intake.rejectReusedRequestId(domain, requestId);
                outcome = "rejected";
            }
        } finally {
            sample.stop(metrics.timer(IngestMetrics.MESSAGE_PROCESSING, "event.type", "SendRequest"));
            metrics.counter(IngestMetrics.MESSAGES_PROCESSED, "event.type", "SendRequest", "outcome", outcome).increment();
        }
    }
}
