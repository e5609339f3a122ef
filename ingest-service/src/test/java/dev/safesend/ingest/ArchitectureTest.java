package dev.safesend.ingest;

import dev.safesend.testsupport.arch.ServiceArchitectureRules;

import java.util.Set;

/** The house rooms (docs/architecture.md, "Inside a service"), enforced for ingest-service by the shared rules in test-support. */
class ArchitectureTest extends ServiceArchitectureRules {

    @Override
    protected String basePackage() {
        return "dev.safesend.ingest";
    }

    @Override
    protected Set<String> rooms() {
        return Set.of("rest", "messaging", "service", "domain", "repository", "mapping", "config", "client", "health");
    }
}
