package dev.safesend.consent.messaging;

import dev.safesend.servicekit.store.TransientStoreFailure;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.util.function.Supplier;

/**
 * Runs a consumer's unit of work again, with backoff, for as long as the database is away ({@link TransientStoreFailure}:
 * connection lost or refused, server restarting, deadlock), holding the partition in order: dead-lettering a STOP would
 * leave the contact opted in. Any other failure is the record's own and is thrown at once. A bean of its own so the
 * retry wraps the whole transaction the work opens (the transaction interceptor would otherwise sit outside it).
 */
@ApplicationScoped
public class UntilStored {

    @Retry(maxRetries = -1, maxDuration = 0, delay = 200, jitter = 100)
    @ExponentialBackoff(maxDelay = 10_000)
    @RetryWhen(exception = TransientStoreFailure.class)
    public <T> T run(Supplier<T> work) {
        return work.get();
    }
}
