package dev.safesend.ingest.repository;

import dev.safesend.ingest.domain.UnidentifiedUpdate;
import dev.safesend.servicekit.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** ingest.webhook_unidentified: webhook updates naming no valid phone and no BSUID, kept for operators. */
@ApplicationScoped
public class UnidentifiedUpdateRepository {

    private final DataSource dataSource;

    public UnidentifiedUpdateRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores each update once (a retried delivery's copy is ignored); joins the caller's transaction. */
    public void record(List<UnidentifiedUpdate> updates) {
        if (updates.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO webhook_unidentified (dedupe_key, field, kind, reason, sender_id, payload) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (dedupe_key) DO NOTHING""")) {
            for (UnidentifiedUpdate u : updates) {
                ps.setString(1, u.dedupeKey());
                ps.setString(2, u.field());
                ps.setString(3, u.kind());
                ps.setString(4, u.reason());
                ps.setString(5, u.senderId());
                ps.setString(6, u.payload());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot record unidentified webhook updates", e);
        }
    }

    /** Newest first, ids below {@code beforeId} when given. */
    public List<UnidentifiedUpdate.Stored> list(int limit, Long beforeId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, field, kind, reason, sender_id, payload, received_at FROM webhook_unidentified
                WHERE (?::bigint IS NULL OR id < ?::bigint) ORDER BY id DESC LIMIT ?""")) {
            ps.setObject(1, beforeId);
            ps.setObject(2, beforeId);
            ps.setInt(3, limit);
            List<UnidentifiedUpdate.Stored> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new UnidentifiedUpdate.Stored(rs.getLong(1), new UnidentifiedUpdate(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), null), rs.getTimestamp(7).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read unidentified webhook updates", e);
        }
    }

    /** Forgets rows older than {@code age}. */
    public int purgeOlderThan(Duration age) {
        return Purge.olderThan(dataSource, "webhook_unidentified", "received_at", age);
    }
}
