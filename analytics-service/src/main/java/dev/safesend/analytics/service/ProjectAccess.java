package dev.safesend.analytics.service;

import dev.safesend.analytics.domain.ProjectScope;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which projects the caller may see: its token's {@code projects} claim (an array of project ids; absent: every
 * project), as in ingest. A project outside the token is a 403 problem; lists are filtered to the token's projects.
 * Addresses are shown whole to admins only.
 */
@RequestScoped
public class ProjectAccess {

    public static final String CLAIM = "projects";

    private final SecurityIdentity identity;
    private ProjectScope scope;

    public ProjectAccess(SecurityIdentity identity) {
        this.identity = identity;
    }

    public ProjectScope scope() {
        if (scope == null) {
            scope = read(identity);
        }
        return scope;
    }

    /** 403 unless the caller may see {@code project}. */
    public void require(String project) {
        if (!scope().allows(project)) {
            throw new ProblemException(Problem.of(403, "project-forbidden", "Project not allowed",
                    "this token may not act for project '" + project + "'; nothing was done"));
        }
    }

    /** The project a request acts for: the one named, else the token's only project; a 400 naming {@code project} otherwise. */
    public String projectFor(String named) {
        if (named != null && !named.isBlank()) {
            require(named.strip());
            return named.strip();
        }
        if (!scope().all() && scope().projects().size() == 1) {
            return scope().projects().iterator().next();
        }
        throw ProblemException.validation("the request does not say which project it is for", List.of(new Problem.FieldError("project",
                "required", "name the project (this token may act for " + (scope().all() ? "every project" : "several") + ")")));
    }

    public boolean seesWholeAddresses() {
        return identity.hasRole("admin");
    }

    static ProjectScope read(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt) || !jwt.containsClaim(CLAIM)) {
            return ProjectScope.ALL;
        }
        Object claim = jwt.getClaim(CLAIM);
        List<String> projects = new ArrayList<>();
        if (claim instanceof JsonArray array) {
            array.forEach(v -> projects.add(v instanceof JsonString s ? s.getString() : v.toString()));
        } else if (claim instanceof Collection<?> c) {
            c.forEach(v -> projects.add(String.valueOf(v)));
        } else if (claim instanceof JsonString s) {
            projects.add(s.getString());
        } else if (claim != null) {
            projects.add(claim.toString());
        }
        return ProjectScope.of(projects);
    }
}
