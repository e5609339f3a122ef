package dev.safesend.analytics.rest;

import dev.safesend.analytics.mapping.MessageApiMapper;
import dev.safesend.analytics.service.MessageTimelineService;
import dev.safesend.servicekit.tenancy.ProjectAccess;
import dev.safesend.servicekit.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * A message's current status and timeline, for admins, operators, viewers and the sending systems: by id, or by the
 * caller's {@code clientReference}. Only messages of the token's projects; phones masked unless the caller is an admin.
 */
@Path("/v1/messages")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    /** At most this many messages share one client reference in an answer (a batch request may reuse it). */
    static final int REFERENCE_LIMIT = 100;
    static final int MAX_REFERENCE_LENGTH = 256;

    private final MessageTimelineService timelines;
    private final MessageApiMapper mapper;
    private final ProjectAccess access;

    public MessageResource(MessageTimelineService timelines, MessageApiMapper mapper, ProjectAccess access) {
        this.timelines = timelines;
        this.mapper = mapper;
        this.access = access;
    }

    @GET
    @Path("/{id}")
    @Blocking
    @RolesAllowed({"admin", "operator", "viewer", "sender"})
    public MessageView get(@PathParam("id") String id) {
        return timelines.find(id, access).map(mapper::toView).orElseThrow(() -> ProblemException.notFound("message", id));
    }

    /** {@code GET /v1/messages?clientReference=…} → {@code {"items": [...]}}, newest first, with timelines. */
    @GET
    @Blocking
    @RolesAllowed({"admin", "operator", "viewer", "sender"})
    public MessageView.Page byClientReference(@QueryParam("clientReference") String clientReference) {
        if (clientReference == null || clientReference.isBlank()) {
            throw QueryParams.invalid("clientReference", "required", "clientReference is required");
        }
        if (clientReference.length() > MAX_REFERENCE_LENGTH) {
            throw QueryParams.invalid("clientReference", "too_long", "at most " + MAX_REFERENCE_LENGTH + " characters");
        }
        return mapper.toPage(timelines.byClientReference(clientReference, REFERENCE_LIMIT, access));
    }
}
