package dev.safesend.analytics;

import dev.safesend.testsupport.arch.ServiceArchitectureRules;

import java.util.Set;

/** The house rooms (docs/architecture.md, "Inside a service"), enforced for analytics-service by the shared rules in test-support. */
class ArchitectureTest extends ServiceArchitectureRules {

    @Override
    protected String basePackage() {
        return "dev.safesend.analytics";
    }

    @Override
    protected Set<String> rooms() {
        return Set.of("rest", "messaging", "service", "domain", "repository", "mapping", "config");
    }
}
