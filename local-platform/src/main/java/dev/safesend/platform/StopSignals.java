package dev.safesend.platform;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * Lets {@code ./safesend up} stop the platform in order (services, then Redis, PostgreSQL, Kafka)
 * when asked to stop, before the JVM's shutdown begins. Without this, SIGINT/SIGTERM start the JVM
 * shutdown at once, and the embedded PostgreSQL and Redis libraries stop their servers from their
 * own shutdown hooks, in parallel with the services still shutting down.
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported, present in every JDK 17); where a signal
 * cannot be handled, the JVM default (shutdown hooks) still applies.
 */
final class StopSignals {

    /** SIGHUP, SIGINT, SIGTERM: terminal closed, Ctrl-C, kill. */
    static final List<String> NAMES = List.of("HUP", "INT", "TERM");

    private StopSignals() {
    }

    /** Calls {@code onStop} with the signal number (on a new thread) for each stop signal that can be handled. */
    static void install(IntConsumer onStop) {
        for (String name : NAMES) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    Thread stop = new Thread(() -> onStop.accept(signal.getNumber()), "safesend-stop-" + name);
                    stop.start();
                });
            } catch (IllegalArgumentException | LinkageError e) {
                // this signal stays with the JVM default: the shutdown hook stops the platform
            }
        }
    }
}
