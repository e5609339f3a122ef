package dev.safesend.ingest.component;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The span exporter of the tests: spans kept in memory (the OpenTelemetry extension exports to every SpanExporter
 * bean). Only a test profile that turns the SDK on ({@link TracingComponentTest}) ever records any.
 */
@ApplicationScoped
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
