package dev.safesend.servicekit.tenancy;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The projects a caller may act for, from its token's {@code projects} claim. A token without the claim acts for
 * every project (local tools, service tokens, tokens minted before projects existed).
 */
public record ProjectScope(Set<String> projects) {

    public static final ProjectScope ALL = new ProjectScope(null);

    public static ProjectScope of(Collection<String> projects) {
        return projects == null ? ALL : new ProjectScope(Set.copyOf(projects));
    }

    public boolean all() {
        return projects == null;
    }

    /** The listed projects, or null for every project: what a SQL filter such as {@code (? IS NULL OR project = ANY(?))} reads. */
    public List<String> listOrNull() {
        return projects == null ? null : List.copyOf(projects);
    }

    /** True when the caller may act for {@code project}. */
    public boolean allows(String project) {
        return projects == null || (project != null && projects.contains(project));
    }
}
