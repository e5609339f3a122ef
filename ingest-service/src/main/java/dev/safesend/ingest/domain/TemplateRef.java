package dev.safesend.ingest.domain;

import java.util.List;

/** A template message: approved template name and language, with positional parameters. */
public record TemplateRef(String name, String language, List<String> bodyParameters, String headerText,
                          List<ButtonParameter> buttons) {

    public TemplateRef {
        bodyParameters = bodyParameters == null ? List.of() : List.copyOf(bodyParameters);
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    /** A quick-reply payload or URL suffix for the button at {@code index}. */
    public record ButtonParameter(int index, String subType, String value) {
    }
}
