package dev.safesend.servicekit.tenancy;

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
 * Which projects the caller of this request may act for: its token's {@code projects} claim (an array of project
 * ids; absent: every project). Every resource that names a project asks {@link #require} before it does anything
 * else with the request; a project outside the token is a 403 problem whatever the rest of the request holds.
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

    /** The caller's name (token subject), "anonymous" without a token. */
    public String client() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /** 403 unless the caller may act for {@code project} (a missing project is left to validation). */
    public void require(String project) {
        if (project != null && !project.isBlank() && !scope().allows(project)) {
            throw forbidden(project);
        }
    }

    /**
     * The project a request acts for: the one named (403 unless allowed), else the token's only project; a 400 naming
     * {@code project} when the token acts for several or every project and none is named.
     */
    public String projectFor(String named) {
        if (named != null && !named.isBlank()) {
            require(named.strip());
            return named.strip();
        }
        if (!scope().all() && scope().projects().size() == 1) {
            return scope().projects().iterator().next();
        }
        throw ProblemException.validation("the request does not say which project it is for", List.of(new Problem.FieldError(
                "project", "required", "name the project (this token may act for " + (scope().all() ? "every project" : "several") + ")")));
    }

    /**
     * 403 unless the caller may act for {@code owner}, the project a thing belongs to (a sending number, a dead
     * letter); a thing that belongs to no project ({@code null}) is for tokens of every project only.
     */
    public void requireOwner(String owner) {
        if (!scope().allows(owner)) {
            throw forbiddenOwner(owner);
        }
    }

    /** 403 unless the caller may act for at least one of {@code owners} (a thing several projects share, e.g. a portfolio). */
    public void requireAnyOwner(Collection<String> owners) {
        if (!scope().all() && owners.stream().noneMatch(scope()::allows)) {
            throw new ProblemException(Problem.of(403, "project-forbidden", "Project not allowed",
                    "this token may act for none of the projects this belongs to; nothing was done"));
        }
    }

    /** Whole phone numbers are shown to admins only; every other role sees them masked. */
    public boolean seesWholeAddresses() {
        return identity.hasRole("admin");
    }

    /** 403 unless the caller may act for every one of {@code projects}. */
    public void requireAll(Collection<String> projects) {
        projects.forEach(this::require);
    }

    public static ProblemException forbidden(String project) {
        return new ProblemException(Problem.of(403, "project-forbidden", "Project not allowed",
                "this token may not act for project '" + project + "'; nothing was done"));
    }

    /** The 403 for a thing owned by {@code owner}, or by no project when it is null. */
    public static ProblemException forbiddenOwner(String owner) {
        if (owner != null) {
            return forbidden(owner);
        }
        return new ProblemException(Problem.of(403, "project-forbidden", "Project not allowed",
                "this belongs to no project, so only a token for every project may use it; nothing was done"));
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
