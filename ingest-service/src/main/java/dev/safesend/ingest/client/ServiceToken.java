package dev.safesend.ingest.client;

import dev.safesend.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** The bearer header ingest presents to the other safesend services it reads (consent, dispatch). */
@ApplicationScoped
public class ServiceToken {

    private final IngestConfig config;

    public ServiceToken(IngestConfig config) {
        this.config = config;
    }

    /** {@code Bearer <token>}, or null when no token is configured (a local run with security off). */
    public String authorization() {
        return config.campaigns().serviceToken().map(t -> "Bearer " + t).orElse(null);
    }
}
