package dev.safesend.simulator.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateRegistryTest {

    private final TemplateRegistry registry = new TemplateRegistry(TemplateFixtures.ALL);

    @Test
    void templateIsFoundByNameAndLanguageIgnoringLanguageCase() {
        assertThat(registry.find("order_update", "en_us")).contains(TemplateFixtures.ORDER_UPDATE);
        assertThat(registry.find("order_update", "pt_BR")).isEmpty();
    }

    @Test
    void pagesWalkEveryTemplateOnceInOrder() {
        TemplateRegistry.TemplatePage first = registry.page(t -> true, null, 4);
        TemplateRegistry.TemplatePage second = registry.page(t -> true, first.items().get(3).id(), 4);

        assertThat(first.items()).hasSize(4);
        assertThat(first.hasMore()).isTrue();
        assertThat(second.items()).containsExactly(TemplateFixtures.OLD_PROMO, TemplateFixtures.HELLO_WORLD);
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void lastFullPageSaysThereIsNoMore() {
        TemplateRegistry.TemplatePage page = registry.page(t -> true, null, TemplateFixtures.ALL.size());

        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void filterAppliesAcrossPages() {
        TemplateRegistry.TemplatePage marketing = registry.page(t -> t.category() == TemplateCategory.MARKETING, null, 10);

        assertThat(marketing.items()).extracting(Template::name).containsExactly("promo_offer", "welcome_named", "old_promo");
    }

    @Test
    void unknownCursorAndDuplicateTemplatesAreRefused() {
        assertThatThrownBy(() -> registry.page(t -> true, "nope", 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TemplateRegistry(List.of(TemplateFixtures.HELLO_WORLD, TemplateFixtures.HELLO_WORLD)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
