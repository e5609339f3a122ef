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

/** A campaign's replies, opt-outs, conversions and uplift over its holdout. */
@Path("/v1/reports/campaigns/{id}/attribution")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignAttributionResource {

    private final AttributionReports reports;
    private final ProjectAccess access;
    private final AttributionApiMapper mapper;

    public CampaignAttributionResource(AttributionReports reports, ProjectAccess access, AttributionApiMapper mapper) {
        this.reports = reports;
        this.access = access;
        this.mapper = mapper;
    }

    @GET
    @Blocking
    @RolesAllowed({"admin", "operator", "viewer"})
    public AttributionView get(@PathParam("id") String id) {
        return mapper.toView(reports.campaign(id, access.scope()));
    }
}
