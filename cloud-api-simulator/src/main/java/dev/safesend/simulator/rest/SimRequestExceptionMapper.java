package dev.safesend.simulator.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers a refused control request with problem+json. */
@Provider
public class SimRequestExceptionMapper implements ExceptionMapper<SimRequestException> {

    @Override
    public Response toResponse(SimRequestException exception) {
        return Response.status(Response.Status.BAD_REQUEST).type(SimProblem.MEDIA_TYPE)
                .entity(SimProblem.badRequest(exception.getMessage())).build();
    }
}
