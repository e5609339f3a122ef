package dev.safesend.ingest.rest;

import dev.safesend.ingest.domain.Violation;
import dev.safesend.ingest.domain.campaign.Campaign;
import dev.safesend.ingest.domain.campaign.CampaignNotFoundException;
import dev.safesend.ingest.domain.campaign.CampaignState;
import dev.safesend.ingest.domain.campaign.CampaignTransitionException;
import dev.safesend.ingest.domain.campaign.CampaignValidationException;
import dev.safesend.ingest.mapping.CampaignApiMapper;
import dev.safesend.ingest.service.CampaignDependencyUnavailableException;
import dev.safesend.ingest.service.CampaignInsight;
import dev.safesend.ingest.service.CampaignService;
import dev.safesend.servicekit.tenancy.ProjectAccess;
import dev.safesend.ingest.service.ProjectRegistry;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Campaigns: define (operators and admins), read (and viewers), forecast, and drive the lifecycle with
 * {@code :start}, {@code :pause}, {@code :resume} and {@code :cancel}. {@code GET /v1/campaigns/{id}/progress} is a
 * server-sent-events stream of the progress, one event a second until the campaign is finished.
 */
@Path("/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    /** A reason for a lifecycle change, optional. */
    public record ActionBody(String reason) {
    }

    private final CampaignService campaigns;
    private final CampaignInsight insight;
    private final CampaignApiMapper mapper;
    private final SecurityIdentity identity;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final ProjectAccess access;
    private final ProjectRegistry registry;

    public CampaignResource(CampaignService campaigns, CampaignInsight insight, CampaignApiMapper mapper, SecurityIdentity identity,
                            com.fasterxml.jackson.databind.ObjectMapper json, ProjectAccess access, ProjectRegistry registry) {
        this.json = json;
        this.access = access;
        this.registry = registry;
        this.campaigns = campaigns;
        this.insight = insight;
        this.mapper = mapper;
        this.identity = identity;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    public Response create(CampaignBody body) {
        named(body);
        Campaign c = campaigns.create(mapper.toDomain(body), actor());
        return Response.created(URI.create("/v1/campaigns/" + c.id())).entity(mapper.toView(c, null, null)).build();
    }

    @GET
    @Blocking
    @RolesAllowed({"operator", "admin", "viewer"})
    public CampaignView.Page list(@QueryParam("project") String project, @QueryParam("limit") Integer limit,
                                  @QueryParam("cursor") String cursor) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 500) {
            throw ProblemException.validation("limit must be between 1 and 500",
                    List.of(new Problem.FieldError("limit", "out_of_range", "1 … 500")));
        }
        if (project != null) {
            access.require(project);
        } else if (!access.scope().all()) {
            if (access.scope().projects().size() != 1) {
                throw ProblemException.validation("this token acts for several projects: name one",
                        List.of(new Problem.FieldError("project", "required", "project is required with a token limited to projects")));
            }
            project = access.scope().projects().iterator().next();
        }
        List<Campaign> page = campaigns.page(project, cursor, size);
        String next = page.size() == size ? page.get(page.size() - 1).id() : null;
        return new CampaignView.Page(page.stream().map(c -> mapper.toView(c, null, null)).toList(), next);
    }

    @GET
    @Path("/{id}")
    @Blocking
    @RolesAllowed({"operator", "admin", "viewer"})
    public CampaignView get(@PathParam("id") String id) {
        Campaign c = campaigns.get(id);
        access.require(c.definition().project());
        return mapper.toView(c, insight.progress(id), campaigns.transitions(id));
    }

    @PUT
    @Path("/{id}")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    public CampaignView update(@PathParam("id") String id, CampaignBody body) {
        access.require(campaigns.get(id).definition().project());
        named(body);
        return mapper.toView(campaigns.update(id, mapper.toDomain(body), actor()), null, null);
    }

    /** {@code :forecast}, {@code :start}, {@code :pause}, {@code :resume}, {@code :cancel}. */
    @POST
    @Path("/{id: [^/:]+}:{action}")
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({"operator", "admin", "viewer"})
    public Response custom(@PathParam("id") String id, @PathParam("action") String action, String rawBody) {
        access.require(campaigns.get(id).definition().project());
        if (action.equals("forecast")) {
            return Response.ok(mapper.toView(insight.forecast(id))).build();
        }
        if (!identity.hasRole("operator") && !identity.hasRole("admin")) {
            throw new ProblemException(Problem.of(403, "forbidden", "Forbidden", "changing a campaign needs role operator or admin"));
        }
        CampaignState.Action a = switch (action) {
            case "start" -> CampaignState.Action.START;
            case "pause" -> CampaignState.Action.PAUSE;
            case "resume" -> CampaignState.Action.RESUME;
            case "cancel" -> CampaignState.Action.CANCEL;
            default -> throw ProblemException.notFound("campaign method", ":" + action);
        };
        Campaign c = campaigns.act(id, a, actor(), reason(rawBody));
        return Response.ok(mapper.toView(c, null, null)).build();
    }

    @GET
    @Path("/{id}/progress")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin", "viewer"})
    @Blocking
    public Multi<CampaignView.ProgressView> progress(@PathParam("id") String id) {
        access.require(campaigns.get(id).definition().project());
        AtomicBoolean finished = new AtomicBoolean();
        return Multi.createFrom().ticks().every(Duration.ofSeconds(1))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> {
                    CampaignView.ProgressView p = mapper.toView(insight.progress(id));
                    return new Object[] {p, campaigns.get(id).state().finished()};
                })
                .select().first(pair -> !finished.getAndSet((Boolean) pair[1]))
                .map(pair -> (CampaignView.ProgressView) pair[0]);
    }

    /** The optional {@code {"reason": "…"}} of a lifecycle change; no body is no reason. */
    private String reason(String rawBody) {
        if (rawBody == null || rawBody.isBlank()) {
            return null;
        }
        try {
            return json.readValue(rawBody, ActionBody.class).reason();
        } catch (java.io.IOException e) {
            throw ProblemException.validation("the body is not {\"reason\": \"…\"}",
                    List.of(new Problem.FieldError("reason", "invalid", "a JSON object with an optional reason")));
        }
    }

    /** The project a campaign body names: one the token may act for (403), registered when registration is required (422). */
    private void named(CampaignBody body) {
        String project = body == null ? null : body.project();
        access.require(project);
        registry.checkNamed("project", project).ifPresent(v -> {
            throw new CampaignValidationException(List.of(v));
        });
    }

    private String actor() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    @ServerExceptionMapper
    public Response invalid(CampaignValidationException e) {
        return problem(new Problem(Problem.TYPE_BASE + "validation", "Campaign is not valid", 422,
                "the campaign cannot be used as given; nothing was changed",
                null, e.violations().stream().map(CampaignResource::error).toList()));
    }

    @ServerExceptionMapper
    public Response conflict(CampaignTransitionException e) {
        return problem(Problem.of(409, "campaign-state", "Not allowed in this state", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notFound(CampaignNotFoundException e) {
        return problem(ProblemException.notFound("campaign", e.id()).problem());
    }

    @ServerExceptionMapper
    public Response unavailable(CampaignDependencyUnavailableException e) {
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", 5)
                .entity(Problem.of(503, "dependency-unavailable", "A service the campaign needs did not answer",
                        e.getMessage() + "; nothing was changed, retry shortly")).build();
    }

    private static Problem.FieldError error(Violation v) {
        return new Problem.FieldError(v.field(), v.code().toLowerCase(Locale.ROOT), v.message());
    }

    private static Response problem(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
