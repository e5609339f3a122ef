package dev.safesend.dispatch.repository;

/** dispatch's PostgreSQL could not be read or written; the work is retried, never dropped. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
