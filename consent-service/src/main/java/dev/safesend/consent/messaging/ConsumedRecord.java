package dev.safesend.consent.messaging;

import dev.safesend.consent.service.ConsentMetrics;
import dev.safesend.servicekit.store.TransientStoreFailure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.function.Supplier;

/**
 * Times and counts one consumed record ({@code consent.messages.processed} / {@code consent.message.processing}).
 * <p>
 * A failure that says the database is away ({@link TransientStoreFailure}: connection lost or refused, server
 * restarting, deadlock) is counted {@code retried}: each consumer method retries it with backoff until the database is
 * back, holding its partition in order, because dead-lettering a STOP would leave the contact opted in. Any other
 * failure is the record's own and the connector dead-letters it.
 */
final class ConsumedRecord {

    private static final TransientStoreFailure TRANSIENT = new TransientStoreFailure();

    private ConsumedRecord() {
    }

    /**
     * Runs the handling of one record; a null payload (undecodable bytes) is rejected so the connector dead-letters it
     * with its deserialization-failure headers.
     */
    static void handle(MeterRegistry metrics, String eventType, Object payload, Supplier<String> work) {
        Timer.Sample sample = Timer.start(metrics);
        String outcome = "dead_lettered";
        try {
            if (payload == null) {
                throw new IllegalArgumentException("undecodable record (see deserialization-failure-reason header)");
            }
            outcome = work.get();
        } catch (RuntimeException e) {
            outcome = TRANSIENT.test(e) ? "retried" : "dead_lettered";
            throw e;
        } finally {
            sample.stop(metrics.timer(ConsentMetrics.MESSAGE_PROCESSING, "event.type", eventType));
            metrics.counter(ConsentMetrics.MESSAGES_PROCESSED, "event.type", eventType, "outcome", outcome).increment();
        }
    }
}
