package dev.safesend.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.safesend.ingest.domain.project.QuotaExceededException;
import dev.safesend.ingest.domain.project.RateLimitedException;
import dev.safesend.servicekit.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Locale;

/** Over a project's quota or a client's rate: 429 problem+json with Retry-After (seconds) and a code; nothing was sent. */
public class LimitExceptionMappers {

    /** RFC 9457 problem with the extension members {@code code} and {@code retryAfterSeconds}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LimitProblem(String type, String title, int status, String detail, String code, String project, Long limit,
                               long retryAfterSeconds) {
    }

    @ServerExceptionMapper
    public Response quota(QuotaExceededException e) {
        String period = e.period().name().toLowerCase(Locale.ROOT);
        return tooMany(e.retryAfterSeconds(), new LimitProblem(Problem.TYPE_BASE + "quota-exceeded", "Project quota exceeded", 429,
                e.getMessage() + "; nothing was accepted, retry after the " + period + " ends (UTC)",
                "quota_exceeded_" + period, e.project(), e.limit(), e.retryAfterSeconds()));
    }

    @ServerExceptionMapper
    public Response rate(RateLimitedException e) {
        return tooMany(e.retryAfterSeconds(), new LimitProblem(Problem.TYPE_BASE + "rate-limited", "Too many requests", 429,
                e.getMessage() + "; nothing was accepted, retry in a second", "rate_limited", null, (long) e.limit(),
                e.retryAfterSeconds()));
    }

    private static Response tooMany(long retryAfter, LimitProblem problem) {
        return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", retryAfter).entity(problem).build();
    }
}
