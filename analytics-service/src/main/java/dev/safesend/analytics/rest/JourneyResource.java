package dev.safesend.analytics.rest;

import dev.safesend.analytics.mapping.AttributionApiMapper;
import dev.safesend.analytics.service.AttributionReports;
import dev.safesend.servicekit.tenancy.ProjectAccess;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A contact's conversions (of the caller's projects) and the campaign touches that led to each. */
@Path("/v1/contacts/{address}/journey")
@Produces(MediaType.APPLICATION_JSON)
public class JourneyResource {

    private final AttributionReports reports;
    private final ProjectAccess access;
    private final AttributionApiMapper mapper;

    public JourneyResource(AttributionReports reports, ProjectAccess access, AttributionApiMapper mapper) {
        this.reports = reports;
        this.access = access;
        this.mapper = mapper;
    }

    @GET
    @Blocking
    @RolesAllowed({"admin", "operator", "viewer"})
    public JourneyView get(@PathParam("address") String address) {
        return mapper.toView(address, reports.journeys(address, access.scope()), access.seesWholeAddresses());
    }
}
