package dev.safesend.dispatch.service;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A graceful stop of the pacing loops: once begun, no sender starts another call; every turn that ends wakes whoever
 * waits for the calls in flight to be answered and settled.
 */
final class Stopping {

    private volatile boolean begun;

    boolean begun() {
        return begun;
    }

    synchronized void begin() {
        begun = true;
    }

    /** Called at the end of every pacing turn; wakes a waiting stop. */
    void turnEnded() {
        if (begun) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Waits until {@code busy} is false or the timeout passes; true when it became idle. */
    synchronized boolean awaitIdle(BooleanSupplier busy, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (busy.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            // a turn that ends wakes this; the bound covers a turn that ended between the check and the wait
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
        }
        return true;
    }
}
