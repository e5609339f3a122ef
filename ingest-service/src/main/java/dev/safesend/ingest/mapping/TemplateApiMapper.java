package dev.safesend.ingest.mapping;

import dev.safesend.ingest.client.TemplatePage;
import dev.safesend.ingest.domain.Template;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Cloud API template listing items → registry templates. */
@ApplicationScoped
public class TemplateApiMapper {

    public Template toDomain(TemplatePage.Item item, Instant syncedAt) {
        String headerFormat = null;
        String headerText = null;
        String bodyText = null;
        String footerText = null;
        List<Template.Button> buttons = List.of();
        for (TemplatePage.Component c : item.components() == null ? List.<TemplatePage.Component>of() : item.components()) {
            switch (c.type() == null ? "" : c.type().toUpperCase(Locale.ROOT)) {
                case "HEADER" -> {
                    headerFormat = c.format() == null ? "TEXT" : c.format().toUpperCase(Locale.ROOT);
                    headerText = c.text();
                }
                case "BODY" -> bodyText = c.text();
                case "FOOTER" -> footerText = c.text();
                case "BUTTONS" -> buttons = c.buttons() == null ? List.of() : c.buttons().stream()
                        .map(b -> new Template.Button(b.type(), b.text(), b.url())).toList();
                default -> {
                    // other component types (carousel, limited-time offer) carry nothing ingest checks
                }
            }
        }
        Template.ParameterFormat format = "NAMED".equalsIgnoreCase(item.parameterFormat())
                ? Template.ParameterFormat.NAMED : Template.ParameterFormat.POSITIONAL;
        return new Template(item.id(), item.name(), item.language(), upper(item.category()), upper(item.status()),
                item.qualityScore() == null ? "UNKNOWN" : upper(item.qualityScore().score()), format, headerFormat,
                headerText, bodyText, footerText, buttons, syncedAt);
    }

    private static String upper(String s) {
        return s == null ? "UNKNOWN" : s.toUpperCase(Locale.ROOT);
    }
}
