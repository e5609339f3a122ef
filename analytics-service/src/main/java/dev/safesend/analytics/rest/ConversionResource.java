package dev.safesend.analytics.rest;

import dev.safesend.analytics.mapping.AttributionApiMapper;
import dev.safesend.analytics.service.ConversionService;
import dev.safesend.servicekit.tenancy.ProjectAccess;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Business conversions reported by the business's systems: validated, published on wa.conversions.v1 and answered 202
 * once Kafka has it; attributed when consumed. A POST retried with the same {@code Idempotency-Key} (or, without one,
 * the same {@code reference}) is the same conversion.
 */
@Path("/v1/conversions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConversionResource {

    private final ConversionService conversions;
    private final ProjectAccess access;
    private final AttributionApiMapper mapper;

    public ConversionResource(ConversionService conversions, ProjectAccess access, AttributionApiMapper mapper) {
        this.conversions = conversions;
        this.access = access;
        this.mapper = mapper;
    }

    @POST
    @Blocking
    @RolesAllowed({"admin", "operator", "sender"})
    public Response report(@HeaderParam("Idempotency-Key") String idempotencyKey, ConversionBody body) {
        String project = access.projectFor(body == null ? null : body.project());
        String id = conversions.report(mapper.toRequest(body, project, idempotencyKey));
        return Response.accepted(new ConversionAccepted(id)).build();
    }
}
