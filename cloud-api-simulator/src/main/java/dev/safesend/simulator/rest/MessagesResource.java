package dev.safesend.simulator.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.simulator.domain.BusinessNumbers;
import dev.safesend.simulator.domain.MetaError;
import dev.safesend.simulator.domain.OutboundMessage;
import dev.safesend.simulator.domain.RejectedException;
import dev.safesend.simulator.service.MessageSendService;
import dev.safesend.simulator.service.SendOutcome;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /{version}/{phone-number-id}/messages}: Meta's send endpoint. */
@Path("/{version: v\\d+\\.\\d+}/{phoneNumberId}/messages")
public class MessagesResource {

    private final MetaCallPipeline pipeline;
    private final MessageSendService sends;
    private final SendRequestParser parser;

    public MessagesResource(MetaCallPipeline pipeline, MessageSendService sends, ObjectMapper json) {
        this.pipeline = pipeline;
        this.sends = sends;
        this.parser = new SendRequestParser(json);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> send(@PathParam("phoneNumberId") String phoneNumberId,
                              @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        return pipeline.answer(authorization, () -> {
            if (!BusinessNumbers.isPhoneNumberId(phoneNumberId)) {
                throw new RejectedException(MetaError.INVALID_PARAMETER, "Unsupported post request. Object with ID '"
                        + phoneNumberId + "' does not exist, cannot be loaded due to missing permissions, or does not "
                        + "support this operation.");
            }
            OutboundMessage message = parser.parse(phoneNumberId, body);
            SendOutcome outcome = sends.send(message);
            if (outcome instanceof SendOutcome.Accepted accepted) {
                return Response.ok(MetaAnswers.accepted(accepted.recipient(), accepted.wamid(), accepted.template()),
                        MediaType.APPLICATION_JSON_TYPE).build();
            }
            SendOutcome.Refused refused = (SendOutcome.Refused) outcome;
            return Response.status(refused.rejection().error().httpStatus()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(MetaAnswers.error(refused.rejection())).build();
        });
    }
}
