package dev.safesend.simulator.service;

import dev.safesend.simulator.domain.CustomerServiceWindow;
import dev.safesend.simulator.domain.PairLimiter;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Once a minute forgets pair buckets that are full again and windows that have closed, so memory
 * stays flat when a benchmark sends to millions of recipients. Runs off the event loop.
 */
@ApplicationScoped
public class IdleStateSweeper {

    private static final long PERIOD_MILLIS = 60_000;

    private final Vertx vertx;
    private final PairLimiter pairs;
    private final CustomerServiceWindow window;
    private long timerId = -1;

    public IdleStateSweeper(Vertx vertx, PairLimiter pairs, CustomerServiceWindow window) {
        this.vertx = vertx;
        this.pairs = pairs;
        this.window = window;
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(PERIOD_MILLIS, id -> vertx.executeBlocking(() -> sweep(), false));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    int sweep() {
        int evicted = pairs.evictIdle() + window.evictClosed();
        if (evicted > 0) {
            Log.debugf("Forgot %d idle pair buckets and closed windows", evicted);
        }
        return evicted;
    }
}
