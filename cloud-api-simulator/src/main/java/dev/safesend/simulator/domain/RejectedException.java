package dev.safesend.simulator.domain;

/** Thrown where a rule refuses a request before it reaches the send gate (parsing, validation). */
public class RejectedException extends RuntimeException {

    private final transient Rejection rejection;

    public RejectedException(MetaError error, String details) {
        super(error.message() + ": " + details, null, false, false);
        this.rejection = new Rejection(error, details);
    }

    public Rejection rejection() {
        return rejection;
    }
}
