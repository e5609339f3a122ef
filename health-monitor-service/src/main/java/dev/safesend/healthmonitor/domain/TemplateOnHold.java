package dev.safesend.healthmonitor.domain;

/** A template held on a sender's WABA, as a health decision names it: its name, language (null: every language) and why. */
public record TemplateOnHold(String name, String language, String reason) {
}
