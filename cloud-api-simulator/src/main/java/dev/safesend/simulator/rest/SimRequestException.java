package dev.safesend.simulator.rest;

/** A malformed request to the /sim control API (answered as RFC 9457 problem+json, HTTP 400). */
public class SimRequestException extends RuntimeException {

    public SimRequestException(String detail) {
        super(detail, null, false, false);
    }
}
