package dev.safesend.consent.messaging;

import dev.safesend.consent.service.ConsentMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.function.Supplier;

/** Times and counts one consumed record ({@code consent.messages.processed} / {@code consent.message.processing}). */
final class ConsumedRecord {

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
        } finally {
            sample.stop(metrics.timer(ConsentMetrics.MESSAGE_PROCESSING, "event.type", eventType));
            metrics.counter(ConsentMetrics.MESSAGES_PROCESSED, "event.type", eventType, "outcome", outcome).increment();
        }
    }
}
