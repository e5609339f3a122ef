package dev.safesend.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.simulator.domain.Template;
import dev.safesend.simulator.domain.TemplateButton;
import dev.safesend.simulator.domain.TemplateCategory;
import dev.safesend.simulator.domain.TemplateComponent;
import dev.safesend.simulator.domain.TemplateStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads templates written in Meta's GET message_templates item shape: a JSON array of items, or an
 * object whose {@code data} is that array. A missing {@code id} is derived from the position.
 */
public final class TemplateCatalogReader {

    /** The built-in template set. */
    public static final String DEFAULT_RESOURCE = "templates/default-templates.json";

    private final ObjectMapper json;

    public TemplateCatalogReader(ObjectMapper json) {
        this.json = json;
    }

    public List<Template> readFile(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read templates file " + path, e);
        }
    }

    public List<Template> readDefaults() {
        try (InputStream in = TemplateCatalogReader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEFAULT_RESOURCE);
            }
            return read(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    List<Template> read(InputStream in, String source) throws IOException {
        JsonNode root = json.readTree(in);
        JsonNode items = root != null && root.isObject() ? root.path("data") : root;
        if (items == null || !items.isArray()) {
            throw new IllegalArgumentException(source + ": expected an array of templates or an object with 'data'");
        }
        List<Template> templates = new ArrayList<>();
        for (JsonNode item : items) {
            templates.add(template(item, templates.size(), source));
        }
        return templates;
    }

    private Template template(JsonNode item, int position, String source) {
        String name = required(item, "name", source);
        String language = required(item, "language", source);
        String id = item.hasNonNull("id") ? item.get("id").asText() : Long.toString(900_000_000_000_000L + position);
        TemplateStatus status = TemplateStatus.valueOf(required(item, "status", source).toUpperCase(Locale.ROOT));
        TemplateCategory category = TemplateCategory.valueOf(required(item, "category", source).toUpperCase(Locale.ROOT));
        Template.ParameterFormat format = item.hasNonNull("parameter_format")
                ? Template.ParameterFormat.valueOf(item.get("parameter_format").asText().toUpperCase(Locale.ROOT))
                : Template.ParameterFormat.POSITIONAL;
        List<TemplateComponent> components = new ArrayList<>();
        for (JsonNode component : item.path("components")) {
            components.add(component(component));
        }
        String quality = item.path("quality_score").path("score").asText(null);
        return new Template(id, name, language, status, category, format, components, quality);
    }

    private TemplateComponent component(JsonNode node) {
        List<TemplateButton> buttons = new ArrayList<>();
        for (JsonNode button : node.path("buttons")) {
            buttons.add(new TemplateButton(text(button, "type"), text(button, "text"), text(button, "url"),
                    text(button, "phone_number")));
        }
        Object example = node.has("example") ? json.convertValue(node.get("example"), Object.class) : null;
        return new TemplateComponent(text(node, "type").toUpperCase(Locale.ROOT), upper(text(node, "format")),
                text(node, "text"), buttons, example);
    }

    private static String required(JsonNode item, String field, String source) {
        String value = text(item, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(source + ": template without '" + field + "': " + item);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }
}
