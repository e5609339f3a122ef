package dev.safesend.simulator.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers a refused control request with problem+json. */
@Provider
public class SimRequestExceptionMapper implements ExceptionMapper<SimRequestException> {

    @Override
    public Response toResponse(SimRequestException exception) {
        return Response.status(exception.status()).type(SimProblem.MEDIA_TYPE)
                .entity(SimProblem.of(exception.status(), exception.getMessage())).build();
    }
}
