package dev.safesend.ingest.mapping;

import dev.safesend.ingest.domain.Violation;
import dev.safesend.ingest.domain.project.Project;
import dev.safesend.ingest.domain.project.Usage;
import dev.safesend.ingest.rest.ProjectBody;
import dev.safesend.ingest.rest.ProjectView;
import dev.safesend.servicekit.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The project API's bodies and views, both ways. */
@ApplicationScoped
public class ProjectApiMapper {

    public Project toDomain(String id, ProjectBody body) {
        ProjectBody.Quotas q = body.quotas();
        return new Project(id, body.displayName(), body.owners(),
                q == null ? Project.Quotas.NONE : new Project.Quotas(q.messagesPerDay(), q.messagesPerMonth()), body.defaultPool());
    }

    public ProjectView toView(Project p) {
        return new ProjectView(p.id(), p.displayName(), p.owners(),
                new ProjectBody.Quotas(p.quotas().messagesPerDay(), p.quotas().messagesPerMonth()), p.defaultPool());
    }

    public ProjectView.UsageView toView(Usage u) {
        return new ProjectView.UsageView(u.project(), toView(u.day()), toView(u.month()), u.source());
    }

    private static ProjectView.PeriodView toView(Usage.Period p) {
        return new ProjectView.PeriodView(p.period(), p.used(), p.limit(), p.remaining(), p.resetsAt());
    }

    public List<Problem.FieldError> errors(List<Violation> violations) {
        return violations.stream().map(v -> new Problem.FieldError(v.field(), v.code(), v.message())).toList();
    }
}
