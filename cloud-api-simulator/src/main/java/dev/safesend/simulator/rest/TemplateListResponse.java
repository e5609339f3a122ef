package dev.safesend.simulator.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.safesend.simulator.domain.Template;
import dev.safesend.simulator.domain.TemplateButton;
import dev.safesend.simulator.domain.TemplateComponent;

import java.util.List;

/** GET message_templates: {@code {"data":[...],"paging":{"cursors":{"before","after"},"next"}}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TemplateListResponse(List<Item> data, Paging paging) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Paging(Cursors cursors, String next) {
    }

    public record Cursors(String before, String after) {
    }

    public record Item(String id, String name, String language, String status, String category,
                       @JsonProperty("parameter_format") String parameterFormat, List<Component> components,
                       @JsonProperty("quality_score") QualityScore qualityScore) {

        static Item of(Template template) {
            return new Item(template.id(), template.name(), template.language(), template.status().name(),
                    template.category().name(), template.parameterFormat().name(),
                    template.components().stream().map(Component::of).toList(),
                    new QualityScore(template.qualityScore()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Component(String type, String format, String text, List<Button> buttons, Object example) {

        static Component of(TemplateComponent component) {
            return new Component(component.type(), component.format(), component.text(),
                    component.buttons().stream().map(Button::of).toList(), component.example());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Button(String type, String text, String url, @JsonProperty("phone_number") String phoneNumber) {

        static Button of(TemplateButton button) {
            return new Button(button.type(), button.text(), button.url(), button.phoneNumber());
        }
    }

    public record QualityScore(String score) {
    }
}
