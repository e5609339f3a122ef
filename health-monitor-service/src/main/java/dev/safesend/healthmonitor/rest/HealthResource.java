package dev.safesend.healthmonitor.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.healthmonitor.domain.ScopeType;
import dev.safesend.healthmonitor.mapping.HealthApiMapper;
import dev.safesend.healthmonitor.service.HealthAdmin;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import dev.safesend.servicekit.tenancy.ProjectAccess;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** Senders' health, their history, windows of templates and campaigns, contacts' engagement, manual pause/resume. */
@Path("/v1/health")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class HealthResource {

    private final HealthAdmin admin;
    private final HealthApiMapper mapper;
    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final Clock clock;
    private final ProjectAccess access;

    public HealthResource(HealthAdmin admin, HealthApiMapper mapper, SecurityIdentity identity, ObjectMapper json, Clock clock,
                          ProjectAccess access) {
        this.access = access;
        this.admin = admin;
        this.mapper = mapper;
        this.identity = identity;
        this.json = json;
        this.clock = clock;
    }

    @GET
    @Path("/senders")
    @RolesAllowed({"admin", "operator", "viewer"})
    public HealthViews.SenderPage senders(@QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("cursor") String cursor) {
        HealthAdmin.Page page = admin.senders(limit, cursor, access.scope().listOrNull()); // a project's token sees its numbers
        return new HealthViews.SenderPage(page.items().stream().map(this::view).toList(), page.nextCursor());
    }

    @GET
    @Path("/senders/{id: [^/:]+}")
    @RolesAllowed({"admin", "operator", "viewer"})
    public HealthViews.SenderView sender(@PathParam("id") String id) {
        access.requireOwner(admin.senderProject(id));
        return view(admin.sender(id));
    }

    @GET
    @Path("/senders/{id}/history")
    @RolesAllowed({"admin", "operator", "viewer"})
    public HealthViews.HistoryPage history(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("100") int limit) {
        access.requireOwner(admin.senderProject(id));
        return mapper.toHistory(admin.history(id, limit));
    }

    @GET
    @Path("/portfolios/{id}/history")
    @RolesAllowed({"admin", "operator", "viewer"})
    public HealthViews.HistoryPage portfolioHistory(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("100") int limit) {
        requireAnyOf(() -> admin.portfolioProjects(id), "portfolio", id);
        return mapper.toHistory(admin.portfolioHistory(id, limit));
    }

    @GET
    @Path("/portfolios/{id}")
    @RolesAllowed({"admin", "operator", "viewer"})
    public HealthViews.Windows portfolio(@PathParam("id") String id) {
        requireAnyOf(() -> admin.portfolioProjects(id), "portfolio", id);
        return mapper.toView(admin.portfolio(id));
    }

    @GET
    @Path("/templates/{name}/{language}")
    @RolesAllowed({"admin", "operator", "viewer"})
    public HealthViews.Windows template(@PathParam("name") String name, @PathParam("language") String language) {
        requireAnyOf(() -> admin.templateProjects(name, language), "template", name + "/" + language);
        return mapper.toView(admin.scope(ScopeType.TEMPLATE, name + "/" + language));
    }

    @GET
    @Path("/campaigns/{id}")
    @RolesAllowed({"admin", "operator", "viewer"})
    public HealthViews.Windows campaign(@PathParam("id") String id) {
        requireAnyOf(() -> admin.campaignProjects(id), "campaign", id);
        return mapper.toView(admin.scope(ScopeType.CAMPAIGN, id));
    }

    /** A contact's engagement with a project's marketing ({@code contact}: E.164, URL-encoded, or a BSUID). */
    @GET
    @Path("/contacts/{contact}/engagement")
    @RolesAllowed({"admin", "operator", "viewer"})
    public HealthViews.EngagementView engagement(@PathParam("contact") String contact, @QueryParam("project") String project) {
        if (project == null || project.isBlank()) {
            throw ProblemException.validation("the project is required",
                    List.of(new Problem.FieldError("project", "required", "?project= names the project")));
        }
        access.require(project); // a project's token reads its own contacts only
        return admin.engagement(project, contact).map(e -> mapper.toView(e, clock.instant()))
                .orElseThrow(() -> ProblemException.notFound("engagement of contact in project " + project, contact));
    }

    /** {@code :pause} and {@code :resume} with {@code {"reason": "…"}} (admin). */
    @POST
    @Path("/senders/{id: [^/:]+}:{action}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("admin")
    public HealthViews.SenderView act(@PathParam("id") String id, @PathParam("action") String action, String rawBody) {
        access.requireOwner(admin.senderProject(id));
        String reason = reason(rawBody);
        String actor = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        return switch (action) {
            case "pause" -> view(admin.pause(id, reason, actor));
            case "resume" -> view(admin.resume(id, reason, actor));
            default -> throw ProblemException.notFound("sender method", ":" + action);
        };
    }

    /**
     * For a thing several projects' numbers share (a portfolio, a template) or a campaign: a token limited to projects
     * needs one of them among its owners; one it cannot place in any project is a 404 to it, as to anyone when unknown.
     * A token for every project needs no owners, so they are not looked up.
     */
    private void requireAnyOf(Supplier<List<String>> owners, String what, String id) {
        if (access.scope().all()) {
            return;
        }
        List<String> found = owners.get();
        if (found.isEmpty()) {
            throw ProblemException.notFound(what, id);
        }
        access.requireAnyOwner(found);
    }

    private String reason(String rawBody) {
        if (rawBody == null || rawBody.isBlank()) {
            return null;
        }
        try {
            return json.readValue(rawBody, HealthViews.ActionBody.class).reason();
        } catch (IOException e) {
            throw ProblemException.validation("the body is not {\"reason\": \"…\"}",
                    List.of(new Problem.FieldError("reason", "invalid", "a JSON object with a reason")));
        }
    }

    private HealthViews.SenderView view(HealthAdmin.SenderView v) {
        return mapper.toView(v.sender(), v.windows(), v.day(), v.usage());
    }
}
