package dev.safesend.ingest.service;

import io.quarkus.logging.Log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Group commit for requests that each need a unit of work done before they answer: a few writer threads each take
 * whatever requests are waiting (up to {@code maxRound}) and do them as one round, so at low load a request waits for
 * nothing and under a burst a round serves many at the cost of one. When a round fails, its requests are done again one
 * at a time, so a request that fails on its own fails alone and the others still succeed.
 *
 * @param <I> what a request brings
 * @param <O> what it gets back
 */
final class Rounds<I, O> {

    private record Request<I, O>(I input, CompletableFuture<O> done) {
    }

    private final Function<List<I>, List<O>> work;
    private final java.util.function.Predicate<Throwable> sharedFailure;
    private final int writers;
    private final int maxRound;
    private final Duration maxWait;
    private final String name;
    private final LinkedBlockingQueue<Request<I, O>> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /**
     * {@code work} takes a round's inputs and answers one output per input, in order; a failure that
     * {@code sharedFailure} accepts (an outage: every request would fail alike) fails the whole round at once instead of
     * being tried one request at a time.
     */
    Rounds(Function<List<I>, List<O>> work, java.util.function.Predicate<Throwable> sharedFailure, int writers, int maxRound,
           Duration maxWait, String name) {
        if (writers < 1 || maxRound < 1) {
            throw new IllegalArgumentException("writers and maxRound must be at least 1");
        }
        this.work = work;
        this.sharedFailure = sharedFailure;
        this.writers = writers;
        this.maxRound = maxRound;
        this.maxWait = maxWait;
        this.name = name;
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(this::loop, name + "-" + (i + 1));
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    synchronized void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        threads.clear();
    }

    /** Requests waiting for a writer (not yet in a round). */
    int waiting() {
        return waiting.size();
    }

    /** Does {@code input} in the next round and returns its output; throws what its unit of work threw. */
    O submit(I input) {
        if (!running) {
            return work.apply(List.of(input)).get(0); // before start-up or after shutdown: on the caller's thread
        }
        Request<I, O> request = new Request<>(input, new CompletableFuture<>());
        waiting.add(request);
        try {
            return request.done().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for its round", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no round took the request within " + maxWait, e);
        }
    }

    private void loop() {
        while (running) {
            List<Request<I, O>> round = new ArrayList<>();
            try {
                round.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(round, maxRound - 1);
            run(round);
        }
    }

    private void run(List<Request<I, O>> round) {
        try {
            List<O> out = work.apply(round.stream().map(Request::input).toList());
            for (int i = 0; i < round.size(); i++) {
                round.get(i).done().complete(out.get(i));
            }
            return;
        } catch (RuntimeException | Error e) {
            if (round.size() == 1 || sharedFailure.test(e)) {
                round.forEach(r -> r.done().completeExceptionally(e));
                return;
            }
            Log.warnf("%s: a round of %d failed (%s); doing them one at a time", name, round.size(), e.getMessage());
        }
        for (Request<I, O> r : round) {
            try {
                r.done().complete(work.apply(List.of(r.input())).get(0));
            } catch (RuntimeException | Error e) {
                r.done().completeExceptionally(e);
            }
        }
    }
}
