package dev.safesend.analytics.domain;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The projects a caller may see: every project (no {@code projects} claim) or exactly those listed. */
public record ProjectScope(Set<String> projects) {

    public static final ProjectScope ALL = new ProjectScope(null);

    public static ProjectScope of(Collection<String> projects) {
        return new ProjectScope(Set.copyOf(projects));
    }

    public boolean all() {
        return projects == null;
    }

    public boolean allows(String project) {
        return projects == null || projects.contains(project);
    }

    /** The listed projects, or null for all (as a SQL filter reads it). */
    public List<String> listOrNull() {
        return projects == null ? null : List.copyOf(projects);
    }
}
