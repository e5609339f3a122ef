package dev.safesend.ingest.rest;

import dev.safesend.ingest.service.TemplateRegistryService;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /v1/templates:sync}: re-reads every page of the Cloud API's template listing now (admin, operator). */
@Path("/v1/templates:sync")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateSyncResource {

    private final TemplateRegistryService registry;

    public TemplateSyncResource(TemplateRegistryService registry) {
        this.registry = registry;
    }

    @POST
    @Blocking
    @RolesAllowed({"admin", "operator"})
    public TemplateView.SyncResult sync() {
        try {
            var report = registry.sync();
            return new TemplateView.SyncResult(report.pages(), report.templates(), report.removed());
        } catch (jakarta.ws.rs.WebApplicationException | jakarta.ws.rs.ProcessingException e) {
            throw new ProblemException(Problem.of(502, "cloud-api-unavailable", "Cloud API unavailable",
                    "the template listing could not be read from the Cloud API: " + e.getMessage()));
        }
    }

}
