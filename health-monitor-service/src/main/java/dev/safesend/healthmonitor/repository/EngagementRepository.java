package dev.safesend.healthmonitor.repository;

import dev.safesend.healthmonitor.domain.ContactEngagement;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Contacts' engagement (set-based JDBC: a delivered or read marketing message touches one row each). */
@ApplicationScoped
public class EngagementRepository {

    /** (project, contact) → state, for the keys asked. */
    public Map<String, ContactEngagement> load(Connection c, Collection<String[]> keys) throws SQLException {
        Map<String, ContactEngagement> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        Object[] projects = keys.stream().map(k -> k[0]).toArray();
        Object[] contacts = keys.stream().map(k -> k[1]).toArray();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT e.project, e.contact, e.unread_ids, e.unread_at, e.dormant_until, e.last_engaged_at FROM contact_engagement e
                JOIN unnest(?::varchar[], ?::varchar[]) AS k(p, c) ON e.project = k.p AND e.contact = k.c""")) {
            ps.setArray(1, c.createArrayOf("varchar", projects));
            ps.setArray(2, c.createArrayOf("varchar", contacts));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ContactEngagement e = read(rs);
                    found.put(key(e.project(), e.contact()), e);
                }
            }
        }
        return found;
    }

    public java.util.Optional<ContactEngagement> find(Connection c, String project, String contact) throws SQLException {
        Collection<String[]> one = new ArrayList<>();
        one.add(new String[] {project, contact});
        return java.util.Optional.ofNullable(load(c, one).get(key(project, contact)));
    }

    public void save(Connection c, Collection<ContactEngagement> states, Instant at) throws SQLException {
        if (states.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO contact_engagement AS e (project, contact, unread_ids, unread_at, dormant_until, last_engaged_at, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (project, contact) DO UPDATE SET unread_ids = EXCLUDED.unread_ids, unread_at = EXCLUDED.unread_at,
                    dormant_until = EXCLUDED.dormant_until,
                    last_engaged_at = EXCLUDED.last_engaged_at, changed_at = EXCLUDED.changed_at""")) {
            for (ContactEngagement e : states) {
                ps.setString(1, e.project());
                ps.setString(2, e.contact());
                ps.setArray(3, c.createArrayOf("varchar", e.unread().stream().map(ContactEngagement.Unread::messageId).toArray()));
                ps.setArray(4, c.createArrayOf("timestamptz", e.unread().stream().map(u -> Timestamp.from(u.deliveredAt())).toArray()));
                ps.setTimestamp(5, e.dormantUntil() == null ? null : Timestamp.from(e.dormantUntil()));
                ps.setTimestamp(6, e.lastEngagedAt() == null ? null : Timestamp.from(e.lastEngagedAt()));
                ps.setTimestamp(7, Timestamp.from(at));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static String key(String project, String contact) {
        return project + "/" + contact;
    }

    private static ContactEngagement read(ResultSet rs) throws SQLException {
        List<ContactEngagement.Unread> unread = new ArrayList<>();
        Array ids = rs.getArray("unread_ids");
        Array at = rs.getArray("unread_at");
        if (ids != null && at != null) {
            Object[] i = (Object[]) ids.getArray();
            Object[] t = (Object[]) at.getArray();
            for (int k = 0; k < Math.min(i.length, t.length); k++) {
                unread.add(new ContactEngagement.Unread((String) i[k], ((Timestamp) t[k]).toInstant()));
            }
        }
        Timestamp d = rs.getTimestamp("dormant_until");
        Timestamp l = rs.getTimestamp("last_engaged_at");
        return new ContactEngagement(rs.getString("project"), rs.getString("contact"), unread,
                d == null ? null : d.toInstant(), l == null ? null : l.toInstant());
    }
}
