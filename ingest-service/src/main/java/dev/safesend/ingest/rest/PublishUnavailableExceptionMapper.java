package dev.safesend.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.safesend.ingest.config.IngestConfig;
import dev.safesend.ingest.service.IngestMetrics;
import dev.safesend.ingest.service.PublishUnavailableException;
import dev.safesend.servicekit.problem.Problem;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Kafka did not acknowledge a request's or a webhook delivery's events: 503 problem+json with code
 * {@code publish_unavailable} and Retry-After. Nothing was kept (the transaction rolled back), so a retry with the
 * same Idempotency-Key is accepted afresh, and Meta's retry of the same delivery is processed again.
 */
public class PublishUnavailableExceptionMapper {

    static final String CODE = "publish_unavailable";

    private final IngestConfig config;
    private final MeterRegistry metrics;

    public PublishUnavailableExceptionMapper(IngestConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** RFC 9457 problem with the extension member {@code code}, as validation errors carry codes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UnavailableProblem(String type, String title, int status, String detail, String instance, String code) {
    }

    @ServerExceptionMapper
    public Response unavailable(PublishUnavailableException e, UriInfo uri) {
        String path = uri == null ? null : uri.getPath();
        boolean webhook = path != null && path.startsWith("/webhooks/");
        long retryAfter = Math.max(1, config.publishRetryAfter().toSeconds());
        metrics.counter(IngestMetrics.PUBLICATIONS_FAILED, "scope", webhook ? "webhook" : "rest").increment();
        Log.warnf("answered 503 on %s: %s; nothing was kept", path, e.getMessage());
        String detail = webhook
                ? "the delivery's events were not acknowledged by Kafka (" + e.getMessage() + "); nothing was recorded, retry the same delivery"
                : "the message was not acknowledged by Kafka (" + e.getMessage() + "); nothing was accepted or sent, "
                + "retry after " + retryAfter + " s with the same Idempotency-Key";
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", retryAfter)
                .entity(new UnavailableProblem(Problem.TYPE_BASE + "publish-unavailable", "Event publication unavailable",
                        503, detail, path, CODE))
                .build();
    }
}
