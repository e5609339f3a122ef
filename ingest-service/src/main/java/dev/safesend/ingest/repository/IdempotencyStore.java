package dev.safesend.ingest.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.servicekit.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Idempotency keys in PostgreSQL (ingest.idempotency_key), claimed inside the caller's transaction. A claim is an
 * {@code INSERT … ON CONFLICT}: a concurrent request with the same key waits on the primary key until the first
 * transaction ends, then reads its stored result. A key older than the TTL is taken over atomically.
 */
@ApplicationScoped
public class IdempotencyStore {

    private static final String CLAIM = """
            INSERT INTO idempotency_key (scope, idem_key, body_hash, created_at) VALUES (?, ?, ?, now())
            ON CONFLICT (scope, idem_key) DO UPDATE
               SET body_hash = EXCLUDED.body_hash, outcome = NULL, response = NULL, created_at = EXCLUDED.created_at
             WHERE idempotency_key.created_at < now() - (? * interval '1 millisecond')
            RETURNING idem_key""";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public IdempotencyStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** What an earlier request with the key left behind. */
    public record Stored(String bodyHash, String outcome, String response) {
    }

    /** Empty when this transaction now owns the key; else what the earlier request stored. */
    public Optional<Stored> claim(String scope, String key, String bodyHash, Duration ttl) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
                ps.setString(1, scope);
                ps.setString(2, key);
                ps.setString(3, bodyHash);
                ps.setLong(4, ttl.toMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.empty();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT body_hash, outcome, response FROM idempotency_key WHERE scope = ? AND idem_key = ?")) {
                ps.setString(1, scope);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("idempotency key vanished between claim and read: " + key);
                    }
                    return Optional.of(new Stored(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot claim idempotency key", e);
        }
    }

    /** Stores the result of the claimed key (serialised as JSON), in the same transaction as the claim. */
    public void complete(String scope, String key, String outcome, Object response) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE idempotency_key SET outcome = ?, response = ? WHERE scope = ? AND idem_key = ?")) {
            ps.setString(1, outcome);
            ps.setString(2, json.writeValueAsString(response));
            ps.setString(3, scope);
            ps.setString(4, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot store idempotent response", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise idempotent response", e);
        }
    }

    public <T> T decode(String response, Class<T> type) {
        try {
            return json.readValue(response, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored idempotent response is unreadable", e);
        }
    }

    public int purgeOlderThan(Duration ttl) {
        return Purge.olderThan(dataSource, "idempotency_key", "created_at", ttl);
    }
}
