package dev.safesend.consent.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.safesend.consent.repository.Sql.failure;
import static dev.safesend.consent.repository.Sql.instant;
import static dev.safesend.consent.repository.Sql.ts;

/** consent.suppression: salted hashes of erased numbers and when they were erased. Nothing else. */
@ApplicationScoped
public class SuppressionRepository {

    private final AgroalDataSource dataSource;

    public SuppressionRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void add(String hash, Instant erasedAt) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO suppression (phone_hash, erased_at) VALUES (?, ?)
                     ON CONFLICT (phone_hash) DO UPDATE SET erased_at = EXCLUDED.erased_at""")) {
            s.setString(1, hash);
            s.setTimestamp(2, ts(erasedAt));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("suppress a number", e);
        }
    }

    public Optional<Instant> erasedAt(String hash) {
        return Optional.ofNullable(erasedAt(java.util.List.of(hash)).get(hash));
    }

    /** Erasure time by hash, for those of {@code hashes} on the list. */
    public Map<String, Instant> erasedAt(Collection<String> hashes) {
        Map<String, Instant> out = new HashMap<>();
        if (hashes.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT phone_hash, erased_at FROM suppression WHERE phone_hash = ANY(?::text[])")) {
            Sql.bindArray(s, 1, Sql.array(hashes));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), instant(rs.getTimestamp(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the suppression list", e);
        }
    }
}
