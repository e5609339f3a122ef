package dev.safesend.ingest.client;

/** Another safesend service did not answer, or answered with an error that is not about the request's subject. */
public class UnavailableException extends RuntimeException {
    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
