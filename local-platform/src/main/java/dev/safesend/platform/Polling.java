package dev.safesend.platform;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scheduled polling instead of sleeping: look at something at a fixed delay until it answers, gives
 * up, or the time is over. A look returns a value when done, {@link Optional#empty()} when not yet;
 * throwing {@link GiveUp} ends the wait at once (the process died, a terminal state was reached); any
 * other exception counts as "not yet" and is kept to explain a timeout.
 */
final class Polling {

    private Polling() {
    }

    /** Thrown by a look to stop waiting; its message becomes the failure. */
    static final class GiveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GiveUp(String message) {
            super(message);
        }
    }

    /** Completes with the first value a look returns; exceptionally with {@link GiveUp} or {@link TimeoutException}. */
    static <T> CompletableFuture<T> until(ScheduledExecutorService scheduler, String what, Duration interval,
                                          Duration timeout, Callable<Optional<T>> look) {
        CompletableFuture<T> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicReference<String> lastProblem = new AtomicReference<>();
        Runnable attempt = () -> {
            if (result.isDone()) {
                return;
            }
            try {
                Optional<T> value = look.call();
                if (value.isPresent()) {
                    result.complete(value.get());
                    return;
                }
            } catch (GiveUp e) {
                result.completeExceptionally(e);
                return;
            } catch (Exception e) {
                lastProblem.set(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            if (System.nanoTime() - deadline > 0) {
                String last = lastProblem.get();
                result.completeExceptionally(new TimeoutException(what + " did not happen within "
                        + timeout.toSeconds() + " s" + (last == null ? "" : "; last problem: " + last)));
            }
        };
        ScheduledFuture<?> task = scheduler.scheduleWithFixedDelay(attempt, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((value, error) -> task.cancel(false));
        return result;
    }
}
