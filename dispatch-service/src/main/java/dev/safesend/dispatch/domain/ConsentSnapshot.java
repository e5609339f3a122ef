package dev.safesend.dispatch.domain;

import java.util.Map;

/**
 * A phone's whole current consent as consent-service published it: per project, per category.
 * Erased numbers are opted out of everything, everywhere.
 */
public record ConsentSnapshot(String phone, long version, boolean erased, Map<String, ProjectConsent> projects) {

    public ConsentSnapshot {
        projects = projects == null ? Map.of() : Map.copyOf(projects);
    }

    /** OPTED_IN, OPTED_OUT or UNKNOWN per category for one project. */
    public record ProjectConsent(String marketing, String utility, String authentication) {
    }

    /** The state for a category (MARKETING, UTILITY, AUTHENTICATION) in a project; UNKNOWN when never given. */
    public String stateFor(String project, String category) {
        if (erased) {
            return "OPTED_OUT";
        }
        ProjectConsent p = projects.get(project);
        if (p == null) {
            return "UNKNOWN";
        }
        return switch (category) {
            case "MARKETING" -> p.marketing();
            case "UTILITY" -> p.utility();
            case "AUTHENTICATION" -> p.authentication();
            default -> "UNKNOWN";
        };
    }
}
