package dev.safesend.dispatch.domain;

import java.util.Map;

/**
 * A contact's whole current consent as consent-service published it: per project, per category. {@code phone} is the
 * contact key (an E.164 phone or a BSUID); {@code addresses} every address of the contact, each judged by this state.
 * Erased numbers are opted out of everything, everywhere.
 */
public record ConsentSnapshot(String phone, long version, boolean erased, Map<String, ProjectConsent> projects,
                              java.util.List<String> addresses) {

    public ConsentSnapshot {
        projects = projects == null ? Map.of() : Map.copyOf(projects);
        addresses = addresses == null ? java.util.List.of() : java.util.List.copyOf(addresses);
    }

    public ConsentSnapshot(String phone, long version, boolean erased, Map<String, ProjectConsent> projects) {
        this(phone, version, erased, projects, null);
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
