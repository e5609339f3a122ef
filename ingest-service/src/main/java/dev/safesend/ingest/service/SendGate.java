package dev.safesend.ingest.service;

import dev.safesend.servicekit.tenancy.ProjectAccess;
import dev.safesend.ingest.domain.Violation;
import dev.safesend.ingest.domain.project.Project;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a send request passes before intake, in this order: the client's rate limit (429), the token's projects
 * (403), the registry (unknown project: 400 naming the field, when registration is required), and the projects'
 * quotas (429). The quotas are counted here; the answer's {@link Admission} gives back what intake did not accept.
 */
@RequestScoped
public class SendGate {

    private final ProjectAccess access;
    private final ProjectRegistry registry;
    private final UsageLimiter limiter;

    public SendGate(ProjectAccess access, ProjectRegistry registry, UsageLimiter limiter) {
        this.access = access;
        this.registry = registry;
        this.limiter = limiter;
    }

    /**
     * Admits a request whose messages name {@code projects} (one per message, in order; nulls are left to
     * validation). {@code batch}: fields are named {@code messages[i].project}.
     */
    public Admission admit(List<String> projects, boolean batch) {
        limiter.admitRequest(access.client());
        projects.stream().filter(Objects::nonNull).distinct().forEach(access::require);
        List<Problem.FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < projects.size(); i++) {
            String field = batch ? "messages[" + i + "].project" : "project";
            registry.checkNamed(field, projects.get(i)).map(SendGate::error).ifPresent(unknown::add);
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.validation("the request names a project that is not registered; nothing was sent", unknown);
        }
        Map<String, Integer> perProject = new LinkedHashMap<>();
        projects.stream().filter(Objects::nonNull).forEach(p -> perProject.merge(p, 1, Integer::sum));
        Admission admission = new Admission();
        try {
            perProject.forEach((id, n) -> registry.lookup(id).ifPresent(p -> admission.add(p, limiter.reserve(p, n))));
        } catch (RuntimeException e) {
            admission.close();
            throw e;
        }
        return admission;
    }

    private static Problem.FieldError error(Violation v) {
        return new Problem.FieldError(v.field(), v.code(), v.message());
    }

    /** The quota reservations of one request; close it once {@link #accepted} said what was accepted. */
    public static final class Admission implements AutoCloseable {
        private final Map<String, UsageLimiter.Reservation> reservations = new LinkedHashMap<>();

        void add(Project p, UsageLimiter.Reservation r) {
            reservations.put(p.id(), r);
        }

        /** The projects of the messages accepted now, one per message (a replayed result: none). */
        public void accepted(List<String> projectsOfAccepted) {
            Map<String, Integer> n = new LinkedHashMap<>();
            projectsOfAccepted.forEach(p -> n.merge(p, 1, Integer::sum));
            reservations.forEach((id, r) -> r.accepted(n.getOrDefault(id, 0)));
        }

        @Override
        public void close() {
            reservations.values().forEach(UsageLimiter.Reservation::close);
        }
    }
}
