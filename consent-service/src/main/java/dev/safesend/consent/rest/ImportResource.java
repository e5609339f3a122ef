package dev.safesend.consent.rest;

import dev.safesend.consent.domain.MalformedHeaderException;
import dev.safesend.consent.service.ImportService;
import dev.safesend.consent.service.ProjectResolver;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import dev.safesend.servicekit.tenancy.ProjectAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/contacts:import?project=&region=} with the CSV file as the body ({@code text/csv}), answered 202 with
 * the job ({@link ImportJobResource} shows it). The upload is streamed to disk; a header that cannot be used answers
 * 400 and imports nothing. Clients must send the ':' as is: Quarkus does not match a percent-encoded {@code %3A}
 * (RestAssured encodes it unless {@code urlEncodingEnabled(false)}).
 */
@Path("/v1/contacts:import")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ImportResource {

    private final ImportService imports;
    private final ProjectAccess access;
    private final ProjectResolver projects;

    public ImportResource(ImportService imports, ProjectAccess access, ProjectResolver projects) {
        this.imports = imports;
        this.access = access;
        this.projects = projects;
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({"admin", "operator"})
    public Response start(InputStream file, @QueryParam("project") String project, @QueryParam("region") String region) throws IOException {
        access.require(project == null ? projects.defaultProject() : project);
        if (project != null && !ProjectResolver.validName(project)) {
            throw ProblemException.validation("the project name is not valid",
                    List.of(new Problem.FieldError("project", "invalid", "letters, digits, '_', '.', '-'; at most 64")));
        }
        if (region != null && !region.matches("[A-Za-z]{2}")) {
            throw ProblemException.validation("the region is not valid",
                    List.of(new Problem.FieldError("region", "invalid", "an ISO 3166 alpha-2 region such as ZW")));
        }
        try {
            String id = imports.start(file, project, region);
            return Response.accepted(Map.of("id", id, "status", "QUEUED", "progress", "/v1/imports/" + id))
                    .location(URI.create("/v1/imports/" + id)).build();
        } catch (MalformedHeaderException e) {
            throw ProblemException.validation("the file's header cannot be used; nothing was imported",
                    e.problems().stream().map(p -> new Problem.FieldError("header", "malformed_header", p)).toList());
        }
    }
}
