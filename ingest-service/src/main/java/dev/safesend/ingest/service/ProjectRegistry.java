package dev.safesend.ingest.service;

import dev.safesend.ingest.config.TenancyConfig;
import dev.safesend.ingest.domain.Violation;
import dev.safesend.ingest.domain.project.Project;
import dev.safesend.servicekit.tenancy.ProjectScope;
import dev.safesend.ingest.repository.ProjectRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of projects (tenants): register, change, read; and the cached lookup the send path uses (a project's
 * quotas are read from PostgreSQL at most every {@code cache-ttl} per instance; a change made here is seen at once
 * here, by other instances within the ttl).
 */
@ApplicationScoped
public class ProjectRegistry {

    private static final int MAX_CACHED = 10_000;

    private final ProjectRepository repository;
    private final TenancyConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<Project> project, Instant until) {
    }

    /** The project is not valid as given; nothing was stored. */
    public static class InvalidProjectException extends RuntimeException {
        private final transient List<Violation> violations;

        public InvalidProjectException(List<Violation> violations) {
            super("invalid project: " + violations);
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /** A project with this id is registered already. */
    public static class ProjectExistsException extends RuntimeException {
        public ProjectExistsException(String id) {
            super("project '" + id + "' is registered already");
        }
    }

    /** No project with this id is registered. */
    public static class ProjectNotFoundException extends RuntimeException {
        private final String id;

        public ProjectNotFoundException(String id) {
            super("project '" + id + "' does not exist");
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public ProjectRegistry(ProjectRepository repository, TenancyConfig config) {
        this.repository = repository;
        this.config = config;
    }

    @Transactional
    public Project register(Project project, String actor) {
        check(project);
        if (!repository.insert(project, actor, clock.instant())) {
            throw new ProjectExistsException(project.id());
        }
        cache.remove(project.id());
        return project;
    }

    @Transactional
    public Project update(Project project) {
        check(project);
        Project updated = repository.update(project, clock.instant()).orElseThrow(() -> new ProjectNotFoundException(project.id()));
        cache.remove(project.id());
        return updated;
    }

    public Project get(String id) {
        return repository.find(id).orElseThrow(() -> new ProjectNotFoundException(id));
    }

    /** A page of the projects the scope allows, in id order after {@code cursor}. */
    public List<Project> page(ProjectScope scope, String cursor, int size) {
        return repository.page(scope.all() ? null : scope.projects(), cursor, size);
    }

    /** The registered project (cached for {@code cache-ttl}), or empty when it is not registered. */
    public Optional<Project> lookup(String id) {
        Instant now = clock.instant();
        Cached c = cache.get(id);
        if (c == null || c.until().isBefore(now)) {
            c = new Cached(Project.isValidId(id) ? repository.find(id) : Optional.empty(), now.plus(config.cacheTtl()));
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(id, c);
        }
        return c.project();
    }

    /** Whether a message naming an unregistered project is refused. */
    public boolean registrationRequired() {
        return config.requireRegistration();
    }

    /**
     * What is wrong with a message naming {@code project} as far as the registry is concerned (field {@code field}):
     * nothing while registration is not required or the project is registered.
     */
    public Optional<Violation> checkNamed(String field, String project) {
        if (!config.requireRegistration() || project == null || project.isBlank()) {
            return Optional.empty();
        }
        Violation malformed = Project.checkId(field, project);
        if (malformed != null) {
            return Optional.of(malformed);
        }
        return lookup(project).isPresent() ? Optional.empty()
                : Optional.of(new Violation(field, "unknown_project", "project '" + project + "' is not registered"));
    }

    private static void check(Project project) {
        List<Violation> violations = Project.check(project);
        if (!violations.isEmpty()) {
            throw new InvalidProjectException(violations);
        }
    }
}
