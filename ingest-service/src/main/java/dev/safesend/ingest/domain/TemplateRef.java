package dev.safesend.ingest.domain;

import dev.safesend.servicekit.content.ContentDigest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A template message: the template's name and language, its body parameters (positional, or by name for a
 * template with parameter_format NAMED), an optional header (text parameter or media) and button parameters.
 */
public record TemplateRef(String name, String language, List<String> bodyParameters, Map<String, String> namedParameters,
                          String headerText, HeaderMedia headerMedia, List<ButtonParameter> buttons) {

    public TemplateRef {
        bodyParameters = bodyParameters == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(bodyParameters));
        namedParameters = namedParameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(namedParameters));
        buttons = buttons == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(buttons));
    }

    /** A positional template with only body parameters. */
    public static TemplateRef positional(String name, String language, List<String> bodyParameters) {
        return new TemplateRef(name, language, bodyParameters, Map.of(), null, null, List.of());
    }

    /**
     * The body parameter values as they go on the wire (wa.outbound.*.v1 {@code bodyParameters}): the positional ones,
     * then the named ones' values in their order.
     */
    public List<String> wireBodyParameters() {
        List<String> values = new ArrayList<>(bodyParameters);
        values.addAll(namedParameters.values());
        return values;
    }

    /**
     * The digest dispatch's gate records and compares for the 30-day identical-content rule (service-kit's
     * {@link ContentDigest} of the name, language, wire body parameters and header text), computed here for campaign
     * recipients not yet released.
     */
    public String contentHash() {
        return ContentDigest.template(name, language, wireBodyParameters(), headerText);
    }

    public TemplateRef withBodyParameters(List<String> parameters) {
        return new TemplateRef(name, language, parameters, namedParameters, headerText, headerMedia, buttons);
    }

    public TemplateRef withNamedParameters(Map<String, String> parameters) {
        return new TemplateRef(name, language, bodyParameters, parameters, headerText, headerMedia, buttons);
    }

    /** A quick-reply payload or URL suffix for the template button at {@code index}. */
    public record ButtonParameter(Integer index, String subType, String value) {
    }
}
