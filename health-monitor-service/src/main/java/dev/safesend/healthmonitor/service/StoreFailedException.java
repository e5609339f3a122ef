package dev.safesend.healthmonitor.service;

/** The database refused or lost a unit of work; the SQLException is the cause (transient ones are retried). */
public class StoreFailedException extends RuntimeException {

    public StoreFailedException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
