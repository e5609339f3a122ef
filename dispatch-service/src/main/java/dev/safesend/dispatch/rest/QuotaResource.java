package dev.safesend.dispatch.rest;

import dev.safesend.servicekit.tenancy.ProjectAccess;
import dev.safesend.dispatch.domain.SenderNotFoundException;
import dev.safesend.dispatch.mapping.QuotaApiMapper;
import dev.safesend.dispatch.service.SenderQuotas;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /v1/senders/{id}/quota}: the sender's rate-limit status. The stored part (registry, budget, warm-up,
 * deferrals, health projection) holds for every instance; {@code live} is this instance's pacing of the sender.
 */
@Path("/v1/senders/{id}/quota")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class QuotaResource {

    private final SenderQuotas quotas;
    private final QuotaApiMapper mapper;

    private final ProjectAccess access;

    public QuotaResource(SenderQuotas quotas, QuotaApiMapper mapper, ProjectAccess access) {
        this.access = access;
        this.quotas = quotas;
        this.mapper = mapper;
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    public QuotaBody get(@PathParam("id") String id) {
        SenderQuotas.Facts f;
        try {
            f = quotas.of(id);
        } catch (SenderNotFoundException e) {
            throw new ProblemException(Problem.of(404, "not-found", "sender not found", e.getMessage()));
        }
        access.require(f.sender().project());
        return mapper.toBody(f.sender(), f.budget(), f.newRecipientsToday(), f.deferred(), f.health(), f.live(), f.at());
    }
}
