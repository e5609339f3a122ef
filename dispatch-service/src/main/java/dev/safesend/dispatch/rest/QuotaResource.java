package dev.safesend.dispatch.rest;

import dev.safesend.dispatch.domain.Sender;
import dev.safesend.dispatch.domain.SenderNotFoundException;
import dev.safesend.dispatch.mapping.QuotaApiMapper;
import dev.safesend.dispatch.repository.DeferredQueryRepository;
import dev.safesend.dispatch.repository.ProjectionRepository;
import dev.safesend.dispatch.repository.BudgetRepository;
import dev.safesend.dispatch.service.LiveSenderStats;
import dev.safesend.dispatch.service.SenderRegistryService;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * {@code GET /v1/senders/{id}/quota}: the sender's rate-limit status. The stored part (registry, budget, warm-up,
 * deferrals, health projection) holds for every instance; {@code live} is this instance's pacing of the sender.
 */
@Path("/v1/senders/{id}/quota")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class QuotaResource {

    private final SenderRegistryService registry;
    private final BudgetRepository quota;
    private final DeferredQueryRepository deferred;
    private final ProjectionRepository projections;
    private final LiveSenderStats live;
    private final QuotaApiMapper mapper;

    public QuotaResource(SenderRegistryService registry, BudgetRepository quota, DeferredQueryRepository deferred,
                         ProjectionRepository projections, LiveSenderStats live, QuotaApiMapper mapper) {
        this.registry = registry;
        this.quota = quota;
        this.deferred = deferred;
        this.projections = projections;
        this.live = live;
        this.mapper = mapper;
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    public QuotaBody get(@PathParam("id") String id) {
        Sender sender;
        try {
            sender = registry.get(id);
        } catch (SenderNotFoundException e) {
            throw new ProblemException(Problem.of(404, "not-found", "sender not found", e.getMessage()));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant midnight = now.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        BudgetRepository.Usage budget = quota.portfolioSince(sender.portfolioId(), now.minus(mapper.budgetWindow()));
        long newToday = quota.senderSince(id, midnight).count();
        long waiting = deferred.countsByReason(id).values().stream().mapToLong(Long::longValue).sum();
        return mapper.toBody(sender, budget, newToday, waiting, projections.senderHealth(id).orElse(null),
                live.live(id).orElse(null), now);
    }
}
