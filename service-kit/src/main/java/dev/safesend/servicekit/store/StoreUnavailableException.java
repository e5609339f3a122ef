package dev.safesend.servicekit.store;

/**
 * A service's PostgreSQL could not be read or written; usually passing (a restart, a failover), so the work is retried,
 * never dropped. Repositories throw it with the cause; {@link TransientStoreFailure} says which causes are passing.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
