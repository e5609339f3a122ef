package dev.safesend.ingest.rest;

import dev.safesend.ingest.domain.RequestRejectedException;
import dev.safesend.ingest.mapping.MessageApiMapper;
import dev.safesend.ingest.service.MessageIntakeService;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The send API for internal systems (role {@code sender}; admins may send too). */
@Path("/v1/messages")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    private final MessageIntakeService intake;
    private final MessageApiMapper mapper;

    public MessageResource(MessageIntakeService intake, MessageApiMapper mapper) {
        this.intake = intake;
        this.mapper = mapper;
    }

    @POST
    @Blocking
    @RolesAllowed({"sender", "admin"})
    public Response send(SendMessageRequest body) {
        try {
            var accepted = intake.accept(mapper.toDomain(body));
            return Response.accepted(mapper.toResponse(accepted)).build();
        } catch (RequestRejectedException e) {
            throw ProblemException.validation("the message was not accepted; nothing was sent",
                    e.violations().stream().map(v -> new Problem.FieldError(v.field(), v.code(), v.message())).toList());
        }
    }
}
