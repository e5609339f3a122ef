package dev.safesend.simulator.rest;

import dev.safesend.simulator.domain.RejectedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers a refusal that escaped the Meta-call pipeline in Meta's error shape. The pipeline
 * converts refusals itself (so latency and the ledger apply); this is the safety net.
 */
@Provider
public class RejectedExceptionMapper implements ExceptionMapper<RejectedException> {

    @Override
    public Response toResponse(RejectedException exception) {
        return Response.status(exception.rejection().error().httpStatus()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(MetaAnswers.error(exception.rejection())).build();
    }
}
