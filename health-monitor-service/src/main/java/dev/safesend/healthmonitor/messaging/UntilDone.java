package dev.safesend.healthmonitor.messaging;

import dev.safesend.healthmonitor.service.PublishFailedException;
import dev.safesend.servicekit.store.TransientStoreFailure;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs a consumer's unit of work again, with backoff, while PostgreSQL or Kafka is away, holding the partition in
 * order (a dead-lettered batch of statuses would be counts lost for good). Any other failure is the batch's own and is
 * thrown at once. A bean of its own so the retry wraps the whole transaction the work opens.
 */
@ApplicationScoped
public class UntilDone {

    @Retry(maxRetries = -1, maxDuration = 0, delay = 200, jitter = 100)
    @ExponentialBackoff(maxDelay = 10_000)
    @RetryWhen(exception = Retryable.class)
    public <T> T run(Supplier<T> work) {
        return work.get();
    }

    /** The store away, or a publish not acknowledged. */
    public static final class Retryable implements Predicate<Throwable> {
        private final TransientStoreFailure store = new TransientStoreFailure();

        @Override
        public boolean test(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c instanceof PublishFailedException) {
                    return true;
                }
            }
            return store.test(t);
        }
    }
}
