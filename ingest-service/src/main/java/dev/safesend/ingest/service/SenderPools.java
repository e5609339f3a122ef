package dev.safesend.ingest.service;

import dev.safesend.ingest.config.IngestConfig;
import dev.safesend.ingest.domain.SenderRouting;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The sender pool of a project, for single messages, batches, Kafka send requests and campaigns alike: the project
 * registry's {@code defaultPool} first (read through its cache, {@code safesend.ingest.tenancy.cache-ttl}), then the
 * configured routing ({@link SenderRouting#poolFor}).
 */
@ApplicationScoped
public class SenderPools {

    private final ProjectRegistry registry;
    private final IngestConfig config;

    public SenderPools(ProjectRegistry registry, IngestConfig config) {
        this.registry = registry;
        this.config = config;
    }

    public List<String> of(String project) {
        return SenderRouting.poolFor(project == null ? java.util.Optional.empty() : registry.lookup(project),
                project == null ? null : config.routing().pools().get(project), config.routing().defaultPool());
    }
}
