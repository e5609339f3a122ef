package dev.safesend.simulator.service;

import dev.safesend.simulator.domain.BusinessNumbers;
import dev.safesend.simulator.domain.Template;
import dev.safesend.simulator.domain.TemplateRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.function.Predicate;

/** Lists the templates page by page; every WABA of the simulator shares the one template set. */
@ApplicationScoped
public class TemplateCatalogService {

    private final TemplateRegistry registry;
    private final BusinessNumbers numbers;

    public TemplateCatalogService(TemplateRegistry registry, BusinessNumbers numbers) {
        this.registry = registry;
        this.numbers = numbers;
    }

    /**
     * One page of the templates matching {@code filter}, or empty when {@code waba} is not one of
     * the simulated accounts.
     *
     * @throws IllegalArgumentException for an unknown {@code afterId}
     */
    public Optional<TemplateRegistry.TemplatePage> page(String waba, Predicate<Template> filter, String afterId,
                                                        int limit) {
        if (!numbers.isWaba(waba)) {
            return Optional.empty();
        }
        return Optional.of(registry.page(filter, afterId, limit));
    }
}
