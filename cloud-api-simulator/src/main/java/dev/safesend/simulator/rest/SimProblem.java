package dev.safesend.simulator.rest;

/** RFC 9457 problem details, the error shape of the /sim control API. */
public record SimProblem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    static SimProblem badRequest(String detail) {
        return new SimProblem("about:blank", "Bad Request", 400, detail);
    }
}
