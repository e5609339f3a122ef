package dev.safesend.simulator.domain;

import java.util.List;
import java.util.Optional;

/** An approved-or-not message template of the simulated WABA, in Meta's listing shape. */
public record Template(String id, String name, String language, TemplateStatus status, TemplateCategory category,
                       ParameterFormat parameterFormat, List<TemplateComponent> components, String qualityScore) {

    /** Positional ({{1}}) or named ({{first_name}}) placeholders. */
    public enum ParameterFormat { POSITIONAL, NAMED }

    public Template {
        components = List.copyOf(components);
        parameterFormat = parameterFormat == null ? ParameterFormat.POSITIONAL : parameterFormat;
        qualityScore = qualityScore == null ? "UNKNOWN" : qualityScore;
    }

    public Optional<TemplateComponent> header() {
        return components.stream().filter(TemplateComponent::isHeader).findFirst();
    }

    public Optional<TemplateComponent> body() {
        return components.stream().filter(TemplateComponent::isBody).findFirst();
    }

    public List<TemplateButton> buttons() {
        return components.stream().filter(TemplateComponent::isButtons).findFirst()
                .map(TemplateComponent::buttons).orElse(List.of());
    }

    public boolean isSendable() {
        return status == TemplateStatus.APPROVED;
    }
}
