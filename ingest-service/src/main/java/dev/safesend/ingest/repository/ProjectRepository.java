package dev.safesend.ingest.repository;

import dev.safesend.ingest.domain.project.Project;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The project registry as objects (Panache), and what PostgreSQL knows of a project's accepted messages. */
@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<ProjectEntity, String> {

    private final AgroalDataSource dataSource;

    public ProjectRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new project; false when the id is taken (nothing changed). Call within a transaction. */
    public boolean insert(Project p, String actor, Instant now) {
        if (findByIdOptional(p.id()).isPresent()) {
            return false;
        }
        ProjectEntity e = new ProjectEntity();
        e.id = p.id();
        e.createdBy = actor;
        e.createdAt = now;
        write(e, p, now);
        persist(e);
        return true;
    }

    /** Replaces a project's fields (not its id); empty when there is no such project. Call within a transaction. */
    public Optional<Project> update(Project p, Instant now) {
        return findByIdOptional(p.id()).map(e -> {
            write(e, p, now);
            return toDomain(e);
        });
    }

    /** Also from a Kafka consumer's thread, where no request context is active. */
    @ActivateRequestContext
    public Optional<Project> find(String id) {
        return findByIdOptional(id).map(ProjectRepository::toDomain);
    }

    /** Projects in id order after {@code cursor}, only those of {@code only} when it is not null. */
    public List<Project> page(Collection<String> only, String cursor, int size) {
        String after = cursor == null ? "" : cursor;
        var query = only == null ? find("id > ?1", Sort.by("id"), after) : find("id > ?1 and id in ?2", Sort.by("id"), after, only);
        return query.page(0, size).list().stream().map(ProjectRepository::toDomain).toList();
    }

    /** How many messages of {@code project} ingest accepted at or after {@code since} (accepted_message). */
    public long acceptedSince(String project, Instant since) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM accepted_message WHERE project = ? AND accepted_at >= ?")) {
            s.setString(1, project);
            s.setTimestamp(2, Timestamp.from(since));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("counting accepted messages of project " + project, e);
        }
    }

    private static void write(ProjectEntity e, Project p, Instant now) {
        e.displayName = p.displayName();
        e.owners = String.join(",", p.owners());
        e.messagesPerDay = p.quotas().messagesPerDay();
        e.messagesPerMonth = p.quotas().messagesPerMonth();
        e.defaultPool = String.join(",", p.defaultPool());
        e.updatedAt = now;
    }

    static Project toDomain(ProjectEntity e) {
        return new Project(e.id, e.displayName, split(e.owners), new Project.Quotas(e.messagesPerDay, e.messagesPerMonth),
                split(e.defaultPool));
    }

    private static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
    }
}
