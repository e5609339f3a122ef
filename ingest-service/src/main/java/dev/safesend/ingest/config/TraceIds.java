package dev.safesend.ingest.config;

import dev.safesend.servicekit.tracing.MessageTraceIds;
import io.opentelemetry.sdk.trace.IdGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The tracer's ids: a message's root span gets its trace id and span id from the messageId (service-kit's MessageTraces). */
@ApplicationScoped
public class TraceIds {

    @Produces
    @Singleton
    IdGenerator idGenerator() {
        return new MessageTraceIds();
    }
}
