package dev.safesend.consent.rest;

import dev.safesend.consent.mapping.ContactApiMapper;
import dev.safesend.consent.service.ImportService;
import dev.safesend.servicekit.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import dev.safesend.servicekit.tenancy.ProjectAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /v1/imports/{id}}: an import's progress while it runs, its counts and row errors after. */
@Path("/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ImportJobResource {

    private final ImportService imports;
    private final ContactApiMapper mapper;
    private final ProjectAccess access;

    public ImportJobResource(ImportService imports, ContactApiMapper mapper, ProjectAccess access) {
        this.imports = imports;
        this.mapper = mapper;
        this.access = access;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "operator", "viewer"})
    public ImportView get(@PathParam("id") String id) {
        return imports.find(id).filter(job -> access.scope().allows(job.project())).map(mapper::toView).orElseThrow(() -> ProblemException.notFound("import", id));
    }
}
