package dev.safesend.ingest.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits, inside the caller's unit of work, until Kafka acknowledged what was published; else the work fails and rolls back. */
final class Publication {

    private Publication() {
    }

    /** @throws PublishUnavailableException when Kafka refused the records or did not acknowledge them in time */
    static void await(CompletableFuture<Void> acknowledged, Duration timeout) {
        try {
            acknowledged.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PublishUnavailableException("Kafka did not acknowledge within " + timeout, e);
        } catch (ExecutionException e) {
            throw new PublishUnavailableException("Kafka refused the records: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishUnavailableException("interrupted while waiting for Kafka", e);
        }
    }
}
