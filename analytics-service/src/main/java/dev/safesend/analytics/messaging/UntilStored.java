package dev.safesend.analytics.messaging;

import dev.safesend.servicekit.store.TransientStoreFailure;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.util.function.Supplier;

/**
 * Runs store work again while the database is away (TransientStoreFailure: connection lost, restart, deadlock,
 * serialization failure), backing off up to 10 s, so an outage delays events instead of dead-lettering them. A failure
 * of the record itself (a value too long, a broken constraint) is not retried.
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
