package dev.safesend.healthmonitor.repository;

import dev.safesend.healthmonitor.domain.MessageRecord;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

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
import java.util.Optional;

/**
 * The per-message dedupe rows (set-based JDBC: every status of every message passes here; the monitor must keep up
 * with 20,000 events/s, see the README). Reads and writes a whole poll's messages in one statement each.
 */
@ApplicationScoped
public class MessageSignalRepository {

    private static final String COLUMNS = "message_id, sender_id, project, category, campaign_id, template, recipient, wamid, flags, delivered_at";

    private final AgroalDataSource dataSource;

    public MessageSignalRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Map<String, MessageRecord> load(Connection c, Collection<String> ids) throws SQLException {
        Map<String, MessageRecord> rows = new HashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM message_signal WHERE message_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    MessageRecord r = read(rs);
                    rows.put(r.messageId, r);
                }
            }
        }
        return rows;
    }

    /**
     * The message a reply refers to: the one whose wamid it quotes (empty when that one is not known yet), else the last
     * one delivered to that address from that number in the 24 h before it.
     */
    public Optional<MessageRecord> repliedTo(Connection c, String contextWamid, String recipient, String senderId, Instant at)
            throws SQLException {
        if (contextWamid != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM message_signal WHERE wamid = ? LIMIT 1")) {
                ps.setString(1, contextWamid);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty(); // a quote names its message: no guessing
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM message_signal WHERE recipient = ? AND sender_id = ?"
                + " AND delivered_at BETWEEN ? AND ? ORDER BY delivered_at DESC LIMIT 1")) {
            ps.setString(1, recipient);
            ps.setString(2, senderId);
            ps.setTimestamp(3, Timestamp.from(at.minusSeconds(24 * 3600)));
            ps.setTimestamp(4, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Writes the changed rows (insert or replace) in one statement. */
    public void save(Connection c, Collection<MessageRecord> records) throws SQLException {
        List<MessageRecord> changed = records.stream().filter(r -> r.changed).toList();
        if (changed.isEmpty()) {
            return;
        }
        int n = changed.size();
        Object[][] cols = new Object[10][n];
        for (int i = 0; i < n; i++) {
            MessageRecord r = changed.get(i);
            cols[0][i] = r.messageId;
            cols[1][i] = r.senderId;
            cols[2][i] = r.project;
            cols[3][i] = r.category;
            cols[4][i] = r.campaignId;
            cols[5][i] = r.template;
            cols[6][i] = r.recipient;
            cols[7][i] = r.wamid;
            cols[8][i] = r.flags;
            cols[9][i] = r.deliveredAt == null ? null : Timestamp.from(r.deliveredAt);
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO message_signal AS m (""" + COLUMNS + """
                ) SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                                       ?::varchar[], ?::varchar[], ?::int[], ?::timestamptz[])
                ON CONFLICT (message_id) DO UPDATE SET sender_id = EXCLUDED.sender_id, project = EXCLUDED.project,
                    category = EXCLUDED.category, campaign_id = EXCLUDED.campaign_id, template = EXCLUDED.template,
                    recipient = EXCLUDED.recipient, wamid = EXCLUDED.wamid, flags = m.flags | EXCLUDED.flags,
                    delivered_at = COALESCE(m.delivered_at, EXCLUDED.delivered_at)""")) {
            String[] types = {"varchar", "varchar", "varchar", "varchar", "varchar", "varchar", "varchar", "varchar", "int4", "timestamptz"};
            for (int k = 0; k < 10; k++) {
                ps.setArray(k + 1, c.createArrayOf(types[k], cols[k]));
            }
            ps.executeUpdate();
        }
        changed.forEach(r -> r.changed = false);
    }

    /** The lock key that orders replies with the statuses that give messages their wamids. */
    private static final long REPLY_LOCK = 0x5e4d_4e1f_0001L;

    /**
     * Orders this transaction with the other side of replies: a reply looks for its message's wamid (and leaves a
     * pending reply when it is not there), a status batch writes wamids and takes the pending replies. Without the
     * lock each could miss the other's uncommitted write and the reply would be lost. Held until the commit.
     */
    /** The projects a campaign's messages were sent for (one, normally); empty when none is on record. */
    public List<String> campaignProjects(String campaignId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT project FROM message_signal WHERE campaign_id = ? AND project IS NOT NULL LIMIT 100")) {
            ps.setString(1, campaignId);
            List<String> projects = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    projects.add(rs.getString(1));
                }
            }
            return projects;
        }
    }

    public void lockReplies(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, REPLY_LOCK);
            ps.executeQuery().close();
        }
    }

    /** Keeps a reply to a wamid not known yet (the first reply wins). */
    public void pendReply(Connection c, String wamid, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO pending_reply (wamid, replied_at) VALUES (?, ?) ON CONFLICT (wamid) DO NOTHING")) {
            ps.setString(1, wamid);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    /** Takes the pending replies to these wamids: wamid → when the reply came. */
    public Map<String, Instant> takeReplies(Connection c, Collection<String> wamids) throws SQLException {
        Map<String, Instant> found = new HashMap<>();
        if (wamids.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM pending_reply WHERE wamid = ANY(?) RETURNING wamid, replied_at")) {
            ps.setArray(1, c.createArrayOf("varchar", wamids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return found;
    }

    /** Forgets messages, early replies and processed event ids older than {@code before}, a chunk at a time; the number deleted. */
    public int sweep(Instant before, int chunk) throws SQLException {
        int n = 0;
        try (Connection c = dataSource.getConnection()) {
            for (String sql : List.of(
                    "DELETE FROM message_signal WHERE message_id IN (SELECT message_id FROM message_signal WHERE seen_at < ? LIMIT ?)",
                    "DELETE FROM pending_reply WHERE wamid IN (SELECT wamid FROM pending_reply WHERE seen_at < ? LIMIT ?)",
                    "DELETE FROM processed_event WHERE event_id IN (SELECT event_id FROM processed_event WHERE processed_at < ? LIMIT ?)")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setTimestamp(1, Timestamp.from(before));
                    ps.setInt(2, chunk);
                    n += ps.executeUpdate();
                }
            }
        }
        return n;
    }

    private static MessageRecord read(ResultSet rs) throws SQLException {
        MessageRecord r = new MessageRecord(rs.getString("message_id"));
        r.senderId = rs.getString("sender_id");
        r.project = rs.getString("project");
        r.category = rs.getString("category");
        r.campaignId = rs.getString("campaign_id");
        r.template = rs.getString("template");
        r.recipient = rs.getString("recipient");
        r.wamid = rs.getString("wamid");
        r.flags = rs.getInt("flags");
        Timestamp d = rs.getTimestamp("delivered_at");
        r.deliveredAt = d == null ? null : d.toInstant();
        return r;
    }
}
