package dev.safesend.consent.repository;

import dev.safesend.consent.domain.ImportJob;
import dev.safesend.consent.domain.RowError;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.safesend.consent.repository.Sql.failure;
import static dev.safesend.consent.repository.Sql.instant;

/** consent.import_job and consent.import_error. Each call is its own short transaction unless the caller holds one. */
@ApplicationScoped
public class ImportJobRepository {

    private final AgroalDataSource dataSource;

    public ImportJobRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void create(String id, String project) {
        update("INSERT INTO import_job (id, project, status) VALUES (?, ?, 'QUEUED')", id, project);
    }

    public void started(String id) {
        update("UPDATE import_job SET status = 'RUNNING', started_at = now() WHERE id = ?", id);
    }

    /**
     * Adds what one written part of a chunk imported, rejected and changed, with the rows read and merged so far (which
     * only grow). Parts are written concurrently, so the counts are added in the database, not set.
     */
    public void addProgress(String id, long rowsRead, long imported, long duplicates, long rejected, long changes) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     UPDATE import_job SET rows_read = GREATEST(rows_read, ?), contacts_imported = contacts_imported + ?,
                       duplicates_merged = GREATEST(duplicates_merged, ?), rows_rejected = rows_rejected + ?,
                       consent_changes = consent_changes + ? WHERE id = ?""")) {
            s.setLong(1, rowsRead);
            s.setLong(2, imported);
            s.setLong(3, duplicates);
            s.setLong(4, rejected);
            s.setLong(5, changes);
            s.setString(6, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("record import progress", e);
        }
    }

    public void completed(String id) {
        update("UPDATE import_job SET status = 'COMPLETED', finished_at = now() WHERE id = ?", id);
    }

    public void failed(String id, String reason) {
        update("UPDATE import_job SET status = 'FAILED', failure = ?, finished_at = now() WHERE id = ?", reason, id);
    }

    /** Jobs that were running when an instance stopped cannot resume (their spool file is gone): mark them failed. */
    public int failInterrupted() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     UPDATE import_job SET status = 'FAILED', finished_at = now(),
                       failure = 'interrupted by a restart; rows up to rowsRead are imported, re-run the file to finish (rows merge)'
                     WHERE status IN ('QUEUED', 'RUNNING')""")) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure("fail interrupted imports", e);
        }
    }

    public void addErrors(String id, List<RowError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO import_error (job_id, line, phone, code, message) VALUES (?, ?, ?, ?, ?)
                     ON CONFLICT DO NOTHING""")) {
            for (RowError e : errors) {
                s.setString(1, id);
                s.setLong(2, e.line());
                s.setString(3, e.maskedPhone());
                s.setString(4, e.code());
                s.setString(5, e.message());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw failure("record import errors", e);
        }
    }

    public Optional<ImportJob> find(String id, int maxErrors) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM import_job WHERE id = ?");
             PreparedStatement errors = c.prepareStatement("SELECT * FROM import_error WHERE job_id = ? ORDER BY line LIMIT ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<RowError> list = new ArrayList<>();
                errors.setString(1, id);
                errors.setInt(2, maxErrors);
                try (ResultSet e = errors.executeQuery()) {
                    while (e.next()) {
                        list.add(new RowError(e.getLong("line"), e.getString("phone"), e.getString("code"), e.getString("message")));
                    }
                }
                return Optional.of(new ImportJob(id, rs.getString("project"), ImportJob.Status.valueOf(rs.getString("status")),
                        rs.getLong("rows_read"), rs.getLong("contacts_imported"), rs.getLong("duplicates_merged"),
                        rs.getLong("rows_rejected"), rs.getLong("consent_changes"), rs.getString("failure"),
                        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("started_at")),
                        instant(rs.getTimestamp("finished_at")), list));
            }
        } catch (SQLException e) {
            throw failure("read an import", e);
        }
    }

    private void update(String sql, String... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("update an import", e);
        }
    }
}
