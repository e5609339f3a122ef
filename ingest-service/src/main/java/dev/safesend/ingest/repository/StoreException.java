package dev.safesend.ingest.repository;

/** PostgreSQL refused or failed a statement; the surrounding transaction rolls back. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
