package dev.safesend.analytics.service;

import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the caller of this request may see: the projects of its token's {@code projects} claim (an array of project ids;
 * absent: every project, as in ingest-service) and whether it sees phone numbers whole (role admin only; everyone else
 * gets them masked as in the logs).
 */
@RequestScoped
public class ProjectAccess {

    public static final String CLAIM = "projects";

    private final SecurityIdentity identity;
    private Set<String> projects;
    private boolean read;

    public ProjectAccess(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The projects the caller may see, or null for every project. */
    public Set<String> projects() {
        if (!read) {
            projects = claim(identity);
            read = true;
        }
        return projects;
    }

    public boolean allows(String project) {
        return projects() == null || (project != null && projects().contains(project));
    }

    /** 403 unless the caller may see {@code project} (null: no project asked for). */
    public void require(String project) {
        if (project != null && !allows(project)) {
            throw new ProblemException(Problem.of(403, "project-forbidden", "Project not allowed",
                    "this token may not read project '" + project + "'"));
        }
    }

    public boolean seesPhones() {
        return identity.hasRole("admin");
    }

    private static Set<String> claim(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt) || !jwt.containsClaim(CLAIM)) {
            return null;
        }
        Object claim = jwt.getClaim(CLAIM);
        Set<String> out = new TreeSet<>();
        if (claim instanceof JsonArray array) {
            array.forEach(v -> out.add(v instanceof JsonString s ? s.getString() : v.toString()));
        } else if (claim instanceof Collection<?> c) {
            c.forEach(v -> out.add(String.valueOf(v)));
        } else if (claim instanceof JsonString s) {
            out.add(s.getString());
        } else if (claim != null) {
            out.add(claim.toString());
        }
        return out;
    }
}
