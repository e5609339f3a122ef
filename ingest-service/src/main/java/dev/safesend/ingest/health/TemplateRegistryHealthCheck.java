package dev.safesend.ingest.health;

import dev.safesend.ingest.service.TemplateRegistryService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the template registry's first sync with the Cloud API has settled: a request for a
 * template is never refused only because the registry has not been read yet. A sync that finally
 * failed still counts as settled (ingest then runs on its stored templates and webhooks keep flowing).
 */
@Readiness
@ApplicationScoped
public class TemplateRegistryHealthCheck implements HealthCheck {

    private final TemplateRegistryService templates;

    public TemplateRegistryHealthCheck(TemplateRegistryService templates) {
        this.templates = templates;
    }

    @Override
    public HealthCheckResponse call() {
        var settled = templates.startSyncSettled();
        return HealthCheckResponse.named("Template registry")
                .status(settled.isPresent())
                .withData("startSync", settled.map(ok -> ok ? "synced" : "failed, using stored templates").orElse("in progress"))
                .build();
    }
}
