package dev.safesend.ingest.config;

import dev.safesend.ingest.domain.SenderNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The senders' display numbers from {@code safesend.ingest.routing.display-numbers}, checked at start. */
@ApplicationScoped
public class Senders {

    @Produces
    @Singleton
    SenderNumbers senderNumbers(IngestConfig config) {
        return new SenderNumbers(config.routing().displayNumbers());
    }
}
