package dev.safesend.simulator.rest;

import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details, the error shape of the /sim control API. */
public record SimProblem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    static SimProblem badRequest(String detail) {
        return of(400, detail);
    }

    static SimProblem of(int status, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return new SimProblem("about:blank", known != null ? known.getReasonPhrase() : "Error", status, detail);
    }
}
