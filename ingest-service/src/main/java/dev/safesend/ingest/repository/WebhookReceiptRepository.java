package dev.safesend.ingest.repository;

import dev.safesend.servicekit.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The webhook updates already turned into events (ingest.webhook_receipt). One statement per delivery: insert
 * every key, skip the ones present, and return the fresh ones. Inside the caller's transaction, so a delivery
 * whose events Kafka did not acknowledge leaves no receipt and Meta's retry is processed again.
 */
@ApplicationScoped
public class WebhookReceiptRepository {

    private static final String CLAIM = """
            INSERT INTO webhook_receipt (dedupe_key, received_at) SELECT k, now() FROM unnest(?::varchar[]) AS k
            ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key""";

    private final DataSource dataSource;

    public WebhookReceiptRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The keys not seen before (now recorded); duplicates of earlier deliveries are left out. */
    public Set<String> claimFresh(List<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM)) {
            // sorted: concurrent deliveries sharing keys then lock them in the same order and cannot deadlock
            Array array = c.createArrayOf("varchar", keys.stream().sorted().distinct().toArray());
            ps.setArray(1, array);
            Set<String> fresh = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
            return fresh;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot record webhook receipts", e);
        }
    }

    public int purgeOlderThan(Duration retention) {
        return Purge.olderThan(dataSource, "webhook_receipt", "received_at", retention);
    }
}
