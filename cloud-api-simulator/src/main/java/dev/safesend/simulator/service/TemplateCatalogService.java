package dev.safesend.simulator.service;

import dev.safesend.simulator.config.SimulatorConfig;
import dev.safesend.simulator.domain.Template;
import dev.safesend.simulator.domain.TemplateRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.function.Predicate;

/** Lists the WABA's templates page by page. */
@ApplicationScoped
public class TemplateCatalogService {

    private final TemplateRegistry registry;
    private final String wabaId;

    public TemplateCatalogService(TemplateRegistry registry, SimulatorConfig config) {
        this.registry = registry;
        this.wabaId = config.wabaId();
    }

    /**
     * One page of the templates matching {@code filter}, or empty when {@code waba} is not the
     * simulated account.
     *
     * @throws IllegalArgumentException for an unknown {@code afterId}
     */
    public Optional<TemplateRegistry.TemplatePage> page(String waba, Predicate<Template> filter, String afterId,
                                                        int limit) {
        if (!wabaId.equals(waba)) {
            return Optional.empty();
        }
        return Optional.of(registry.page(filter, afterId, limit));
    }
}
