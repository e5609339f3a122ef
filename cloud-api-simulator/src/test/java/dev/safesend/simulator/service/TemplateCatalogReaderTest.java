package dev.safesend.simulator.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.simulator.domain.Template;
import dev.safesend.simulator.domain.TemplateCategory;
import dev.safesend.simulator.domain.TemplateComponent;
import dev.safesend.simulator.domain.TemplateRegistry;
import dev.safesend.simulator.domain.TemplateStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateCatalogReaderTest {

    private final TemplateCatalogReader reader = new TemplateCatalogReader(new ObjectMapper());
    private final TemplateRegistry defaults = new TemplateRegistry(reader.readDefaults());

    @Test
    void builtInSetHasTheTemplatesOtherModulesRelyOn() {
        assertTemplate("hello_world", "en_US", TemplateStatus.APPROVED, TemplateCategory.UTILITY, 0);
        assertTemplate("order_update", "en_US", TemplateStatus.APPROVED, TemplateCategory.UTILITY, 2);
        assertTemplate("otp_code", "en_US", TemplateStatus.APPROVED, TemplateCategory.AUTHENTICATION, 1);
        assertTemplate("promo_offer", "en_US", TemplateStatus.APPROVED, TemplateCategory.MARKETING, 1);
        assertTemplate("appointment_reminder", "en_US", TemplateStatus.APPROVED, TemplateCategory.UTILITY, 2);
        assertTemplate("appointment_reminder", "pt_BR", TemplateStatus.APPROVED, TemplateCategory.UTILITY, 2);
        assertTemplate("old_promo", "en_US", TemplateStatus.PAUSED, TemplateCategory.MARKETING, 1);
        assertTemplate("new_launch", "en_US", TemplateStatus.PENDING, TemplateCategory.MARKETING, 1);
    }

    @Test
    void promoOfferHasAStopPromotionsQuickReply() {
        Template promo = defaults.find("promo_offer", "en_US").orElseThrow();

        assertThat(promo.buttons()).singleElement().satisfies(button -> {
            assertThat(button.type()).isEqualTo("QUICK_REPLY");
            assertThat(button.text()).isEqualTo("Stop promotions");
        });
    }

    @Test
    void fileMayBeAPlainArrayAndIdsAreDerivedWhenMissing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("templates.json");
        Files.writeString(file, """
                [ { "name": "custom", "language": "en_GB", "status": "approved", "category": "utility",
                    "components": [ { "type": "BODY", "text": "Hi {{1}}" } ] } ]
                """);

        List<Template> templates = reader.readFile(file);

        assertThat(templates).singleElement().satisfies(template -> {
            assertThat(template.id()).isNotBlank();
            assertThat(template.status()).isEqualTo(TemplateStatus.APPROVED);
            assertThat(template.body().map(TemplateComponent::placeholders)).contains(List.of("1"));
        });
    }

    @Test
    void templateWithoutNameIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "[ { \"language\": \"en_US\", \"status\": \"APPROVED\", \"category\": \"UTILITY\" } ]");

        assertThatThrownBy(() -> reader.readFile(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
    }

    private void assertTemplate(String name, String language, TemplateStatus status, TemplateCategory category,
                                int bodyParameters) {
        Template template = defaults.find(name, language).orElseThrow(() -> new AssertionError(name + "/" + language));
        assertThat(template.status()).as(name).isEqualTo(status);
        assertThat(template.category()).as(name).isEqualTo(category);
        assertThat(template.body().map(TemplateComponent::placeholders).orElse(List.of())).as(name).hasSize(bodyParameters);
        assertThat(template.header().map(TemplateComponent::placeholders).orElse(List.of())).as(name + " header").isEmpty();
    }
}
