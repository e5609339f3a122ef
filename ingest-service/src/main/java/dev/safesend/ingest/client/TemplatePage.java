package dev.safesend.ingest.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** One page of GET message_templates: {@code {"data":[…],"paging":{"cursors":{"before","after"},"next"}}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TemplatePage(List<Item> data, Paging paging) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Paging(Cursors cursors, String next) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cursors(String before, String after) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(String id, String name, String language, String status, String category,
                       @JsonProperty("parameter_format") String parameterFormat, List<Component> components,
                       @JsonProperty("quality_score") QualityScore qualityScore) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Component(String type, String format, String text, List<Button> buttons) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Button(String type, String text, String url) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record QualityScore(String score) {
    }

    /** The cursor of the next page, or null on the last page (Graph omits {@code next} there). */
    public String nextCursor() {
        return paging == null || paging.next() == null || paging.cursors() == null ? null : paging.cursors().after();
    }
}
