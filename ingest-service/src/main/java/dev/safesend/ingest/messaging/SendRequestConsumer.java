package dev.safesend.ingest.messaging;

import dev.safesend.ingest.domain.IdempotencyConflictException;
import dev.safesend.ingest.domain.MessageRequest;
import dev.safesend.ingest.domain.RequestRejectedException;
import dev.safesend.ingest.mapping.MessageEventMapper;
import dev.safesend.ingest.service.IngestMetrics;
import dev.safesend.ingest.service.MessageIntakeService;
import dev.safesend.ingest.service.ProjectRegistry;
import dev.safesend.ingest.service.UsageLimiter;
import dev.safesend.ingest.domain.Violation;
import dev.safesend.ingest.domain.project.Project;
import dev.safesend.ingest.domain.project.QuotaExceededException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * A record naming a project that is not registered (when registration is required) is REJECTED
 * ({@code unknown_project}); one over its project's quota is REJECTED ({@code quota_exceeded_day|month}).
 */
@ApplicationScoped
public class SendRequestConsumer {

    private final MessageIntakeService intake;
    private final MessageEventMapper mapper;
    private final MeterRegistry metrics;
    private final ProjectRegistry registry;
    private final UsageLimiter limiter;

    public SendRequestConsumer(MessageIntakeService intake, MessageEventMapper mapper, MeterRegistry metrics,
                               ProjectRegistry registry, UsageLimiter limiter) {
        this.intake = intake;
        this.mapper = mapper;
        this.metrics = metrics;
        this.registry = registry;
        this.limiter = limiter;
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
            Optional<Violation> unknown = registry.checkNamed("project", domain.project());
            if (unknown.isPresent()) {
                outcome = intake.rejectFromKafka(domain, requestId, List.of(unknown.get())) ? "rejected" : "duplicate";
                return;
            }
            Optional<Project> project = domain.project() == null ? Optional.empty() : registry.lookup(domain.project());
            try (UsageLimiter.Reservation quota = project.isPresent() ? limiter.reserve(project.get(), 1) : null) {
                var result = intake.acceptFromKafka(domain, requestId);
                if (quota != null) {
                    quota.accepted(result.replayed() ? 0 : 1);
                }
                outcome = result.replayed() ? "duplicate" : "success";
            } catch (QuotaExceededException e) {
                outcome = intake.rejectFromKafka(domain, requestId, List.of(new Violation("project",
                        "quota_exceeded_" + e.period().name().toLowerCase(Locale.ROOT),
                        e.getMessage() + "; send it again after " + e.retryAfterSeconds() + " s"))) ? "rejected" : "duplicate";
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
