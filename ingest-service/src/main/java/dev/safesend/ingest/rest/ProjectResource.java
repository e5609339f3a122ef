package dev.safesend.ingest.rest;

import dev.safesend.ingest.domain.project.Project;
import dev.safesend.ingest.mapping.ProjectApiMapper;
import dev.safesend.servicekit.tenancy.ProjectAccess;
import dev.safesend.ingest.service.ProjectRegistry;
import dev.safesend.ingest.service.ProjectRegistry.InvalidProjectException;
import dev.safesend.ingest.service.ProjectRegistry.ProjectExistsException;
import dev.safesend.ingest.service.ProjectRegistry.ProjectNotFoundException;
import dev.safesend.ingest.service.UsageLimiter;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
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
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.List;

/**
 * The registry of projects (tenants): admins register and change them; admins, operators and viewers read the
 * projects their token allows, and their usage of the quotas ({@code GET /v1/projects/{id}/usage}).
 */
@Path("/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final ProjectRegistry registry;
    private final ProjectAccess access;
    private final UsageLimiter limiter;
    private final ProjectApiMapper mapper;

    public ProjectResource(ProjectRegistry registry, ProjectAccess access, UsageLimiter limiter, ProjectApiMapper mapper) {
        this.registry = registry;
        this.access = access;
        this.limiter = limiter;
        this.mapper = mapper;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Response register(ProjectBody body) {
        if (body == null) {
            throw invalid(List.of(new Problem.FieldError("id", "required", "a project body is required")));
        }
        if (Project.isValidId(body.id())) {
            access.require(body.id());
        }
        Project p = registry.register(mapper.toDomain(body.id(), body), access.client());
        return Response.created(URI.create("/v1/projects/" + p.id())).entity(mapper.toView(p)).build();
    }

    @GET
    @Blocking
    @RolesAllowed({"admin", "operator", "viewer"})
    public ProjectView.Page list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 500) {
            throw invalid(List.of(new Problem.FieldError("limit", "out_of_range", "1 … 500")));
        }
        List<Project> page = registry.page(access.scope(), cursor, size);
        String next = page.size() == size ? page.get(page.size() - 1).id() : null;
        return new ProjectView.Page(page.stream().map(mapper::toView).toList(), next);
    }

    @GET
    @Path("/{id}")
    @Blocking
    @RolesAllowed({"admin", "operator", "viewer"})
    public ProjectView get(@PathParam("id") String id) {
        return mapper.toView(allowed(id));
    }

    @PUT
    @Path("/{id}")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public ProjectView update(@PathParam("id") String id, ProjectBody body) {
        allowed(id);
        if (body == null) {
            throw invalid(List.of(new Problem.FieldError("displayName", "required", "a project body is required")));
        }
        if (body.id() != null && !body.id().equals(id)) {
            throw invalid(List.of(new Problem.FieldError("id", "immutable", "a project's id never changes: '" + id + "' is in the path")));
        }
        return mapper.toView(registry.update(mapper.toDomain(id, body)));
    }

    @GET
    @Path("/{id}/usage")
    @Blocking
    @RolesAllowed({"admin", "operator", "viewer"})
    public ProjectView.UsageView usage(@PathParam("id") String id) {
        return mapper.toView(limiter.usage(allowed(id)));
    }

    /** The project, if the token may see it: 403 for a project outside the token, 404 for one not registered. */
    private Project allowed(String id) {
        access.require(id);
        return registry.get(id);
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + "validation", "Project is not valid", 422,
                "the project cannot be used as given; nothing was changed", null, errors));
    }

    @ServerExceptionMapper
    public Response invalid(InvalidProjectException e) {
        return problem(invalid(mapper.errors(e.violations())).problem());
    }

    @ServerExceptionMapper
    public Response exists(ProjectExistsException e) {
        return problem(Problem.of(409, "project-exists", "Project exists", e.getMessage() + "; change it with PUT /v1/projects/{id}"));
    }

    @ServerExceptionMapper
    public Response notFound(ProjectNotFoundException e) {
        return problem(ProblemException.notFound("project", e.id()).problem());
    }

    private static Response problem(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
