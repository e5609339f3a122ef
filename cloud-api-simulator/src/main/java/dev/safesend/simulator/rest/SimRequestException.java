package dev.safesend.simulator.rest;

/**
 * A request to the /sim control API that cannot be served, answered as RFC 9457 problem+json:
 * HTTP 400 for a malformed request unless another status is given (404 for a BSUID nobody holds,
 * 409 for a phone another user holds).
 */
public class SimRequestException extends RuntimeException {

    private final int status;

    public SimRequestException(String detail) {
        this(400, detail);
    }

    public SimRequestException(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
