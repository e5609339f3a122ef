package dev.safesend.analytics.rest;

import dev.safesend.analytics.mapping.MessageApiMapper;
import dev.safesend.analytics.service.MessageTimelineService;
import dev.safesend.servicekit.tenancy.ProjectAccess;
import dev.safesend.servicekit.identity.Bsuid;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.regex.Pattern;

/**
 * A contact's recent messages, newest first, without their timelines: the address is an E.164 phone or a BSUID (a
 * message to a phone is found by the BSUID too once a status webhook carried it). Phones masked unless admin.
 */
@Path("/v1/contacts")
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final MessageTimelineService timelines;
    private final MessageApiMapper mapper;
    private final ProjectAccess access;

    public ContactResource(MessageTimelineService timelines, MessageApiMapper mapper, ProjectAccess access) {
        this.timelines = timelines;
        this.mapper = mapper;
        this.access = access;
    }

    @GET
    @Path("/{address}/messages")
    @Blocking
    @RolesAllowed({"admin", "operator", "viewer", "sender"})
    public MessageView.Page messages(@PathParam("address") String address, @QueryParam("limit") String limit) {
        if (!E164.matcher(address).matches() && !Bsuid.isBsuid(address)) {
            throw QueryParams.invalid("address", "invalid_address", "an E.164 phone (+263771234567) or a BSUID (ZW.1234…)");
        }
        int n = QueryParams.integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        return mapper.toPage(timelines.byContact(address, n, access));
    }
}
