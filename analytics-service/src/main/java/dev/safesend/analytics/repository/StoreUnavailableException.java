package dev.safesend.analytics.repository;

/** The database could not be written or read; usually passing (restart, failover), so callers retry. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
