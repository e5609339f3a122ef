package dev.safesend.analytics.rest;

import dev.safesend.analytics.mapping.MessageApiMapper;
import dev.safesend.analytics.service.MessageTimelineService;
import dev.safesend.servicekit.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A message's current status and timeline, for admins, operators, viewers and the sending systems. */
@Path("/v1/messages")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    private final MessageTimelineService timelines;
    private final MessageApiMapper mapper;

    public MessageResource(MessageTimelineService timelines, MessageApiMapper mapper) {
        this.timelines = timelines;
        this.mapper = mapper;
    }

    @GET
    @Path("/{id}")
    @Blocking
    @RolesAllowed({"admin", "operator", "viewer", "sender"})
    public MessageView get(@PathParam("id") String id) {
        return timelines.find(id).map(mapper::toView).orElseThrow(() -> ProblemException.notFound("message", id));
    }
}
