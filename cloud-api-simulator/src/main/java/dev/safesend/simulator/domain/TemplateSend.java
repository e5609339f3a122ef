package dev.safesend.simulator.domain;

import java.util.List;

/** The {@code template} object of a send request, reduced to what the rules look at. */
public record TemplateSend(String name, String languageCode, List<SentParameter> headerParameters,
                           List<SentParameter> bodyParameters, List<SentButton> buttons) {

    public TemplateSend {
        headerParameters = List.copyOf(headerParameters);
        bodyParameters = List.copyOf(bodyParameters);
        buttons = List.copyOf(buttons);
    }

    /** One parameter: its {@code type} (text, currency, date_time, image, ...), optional name and text. */
    public record SentParameter(String type, String parameterName, String text) {
    }

    /** A button component: {@code subType} quick_reply, url, catalog..., {@code index} 0-9. */
    public record SentButton(String subType, int index, List<SentParameter> parameters) {

        public SentButton {
            parameters = List.copyOf(parameters);
        }
    }
}
