package dev.safesend.simulator.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the parameters of a template send against the template: header and body parameter counts
 * (132000), the header's media format (132012), named parameters for named templates (132000) and
 * that tapped-button indexes exist (131009).
 */
public final class TemplateParameterRule {

    public Optional<Rejection> check(Template template, TemplateSend send) {
        Optional<Rejection> header = checkHeader(template, send);
        if (header.isPresent()) {
            return header;
        }
        Optional<Rejection> body = checkBody(template, send);
        if (body.isPresent()) {
            return body;
        }
        return checkButtons(template, send);
    }

    private Optional<Rejection> checkHeader(Template template, TemplateSend send) {
        Optional<TemplateComponent> header = template.header();
        List<TemplateSend.SentParameter> sent = send.headerParameters();
        if (header.isPresent() && header.get().isMediaHeader()) {
            if (sent.size() != 1) {
                return countMismatch("header", sent.size(), 1);
            }
            String expected = header.get().format().toLowerCase(Locale.ROOT);
            if (!expected.equals(sent.get(0).type())) {
                return Optional.of(new Rejection(MetaError.PARAMETER_FORMAT,
                        "header: Format mismatch, expected " + header.get().format() + ", received "
                                + sent.get(0).type().toUpperCase(Locale.ROOT)));
            }
            return Optional.empty();
        }
        int expected = header.map(h -> h.placeholders().size()).orElse(0);
        if (sent.size() != expected) {
            return countMismatch("header", sent.size(), expected);
        }
        return Optional.empty();
    }

    private Optional<Rejection> checkBody(Template template, TemplateSend send) {
        List<String> placeholders = template.body().map(TemplateComponent::placeholders).orElse(List.of());
        List<TemplateSend.SentParameter> sent = send.bodyParameters();
        if (sent.size() != placeholders.size()) {
            return countMismatch("body", sent.size(), placeholders.size());
        }
        if (template.parameterFormat() == Template.ParameterFormat.NAMED && !placeholders.isEmpty()) {
            Set<String> names = sent.stream().map(TemplateSend.SentParameter::parameterName)
                    .collect(Collectors.toCollection(HashSet::new));
            if (!names.equals(new HashSet<>(placeholders))) {
                return Optional.of(new Rejection(MetaError.PARAMETER_COUNT,
                        "body: parameter names " + sent.stream().map(TemplateSend.SentParameter::parameterName).toList()
                                + " do not match the expected named params " + placeholders));
            }
        }
        return Optional.empty();
    }

    private Optional<Rejection> checkButtons(Template template, TemplateSend send) {
        int available = template.buttons().size();
        for (TemplateSend.SentButton button : send.buttons()) {
            if (button.index() >= available) {
                return Optional.of(new Rejection(MetaError.PARAMETER_INVALID,
                        "button at index " + button.index() + " does not exist in template " + template.name()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> countMismatch(String component, int sent, int expected) {
        return Optional.of(new Rejection(MetaError.PARAMETER_COUNT, component + ": number of localizable_params (" + sent
                + ") does not match the expected number of params (" + expected + ")"));
    }
}
