package dev.safesend.ingest.repository;

import dev.safesend.ingest.domain.ContactEngagement;
import dev.safesend.servicekit.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Contacts' engagement (ingest.contact_engagement), the projection of wa.contact-engagement.v1, set-based: a batch of
 * records is one {@code INSERT … SELECT unnest(…) ON CONFLICT DO UPDATE … WHERE newer}, whatever its size. (JDBC
 * rather than Panache: the compacted topic is read from its start on first deployment, a row per contact and project
 * that was ever sent marketing; see the README for the figure.)
 */
@ApplicationScoped
public class ContactEngagementRepository {

    private final DataSource dataSource;

    public ContactEngagementRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Writes each record whose (project, contact) has no row yet or an older one; a record no newer than the row held
     * changes nothing. The records must name each (project, contact) once ({@link ContactEngagement#newestPerContact}).
     *
     * @return the keys ({@code project/contact}) written
     */
    public Set<String> applyNewer(List<ContactEngagement> records) {
        Set<String> written = new HashSet<>();
        if (records.isEmpty()) {
            return written;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO contact_engagement AS e (project, contact, state, dormant_until, changed_at)
                     SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::timestamptz[])
                     ON CONFLICT (project, contact) DO UPDATE SET state = EXCLUDED.state, dormant_until = EXCLUDED.dormant_until,
                            changed_at = EXCLUDED.changed_at
                     WHERE e.changed_at < EXCLUDED.changed_at
                     RETURNING e.project, e.contact""")) {
            s.setArray(1, c.createArrayOf("varchar", records.stream().map(ContactEngagement::project).toArray()));
            s.setArray(2, c.createArrayOf("varchar", records.stream().map(ContactEngagement::contact).toArray()));
            s.setArray(3, c.createArrayOf("varchar", records.stream().map(r -> r.state().name()).toArray()));
            s.setArray(4, c.createArrayOf("timestamptz", records.stream()
                    .map(r -> r.suppressedUntil() == null ? null : Timestamp.from(r.suppressedUntil())).toArray()));
            s.setArray(5, c.createArrayOf("timestamptz", records.stream().map(r -> Timestamp.from(r.changedAt())).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    written.add(rs.getString(1) + "/" + rs.getString(2));
                }
            }
            return written;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot apply the engagement of " + records.size() + " contact(s)", e);
        }
    }

    /** Forgets a contact's engagement with a project (a tombstone); true when there was a row. */
    public boolean forget(String project, String contact) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM contact_engagement WHERE project = ? AND contact = ?")) {
            s.setString(1, project);
            s.setString(2, contact);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot forget a contact's engagement", e);
        }
    }
}
