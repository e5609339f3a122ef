package dev.safesend.ingest.repository;

import dev.safesend.ingest.domain.CustomerWindow;
import dev.safesend.servicekit.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The last inbound message per (business number, user): ingest.customer_window. Only ever moves forward. */
@ApplicationScoped
public class CustomerWindowRepository {

    private static final String UPSERT = """
            INSERT INTO customer_window (sender_id, wa_id, last_inbound_at) VALUES (?, ?, ?)
            ON CONFLICT (sender_id, wa_id) DO UPDATE
               SET last_inbound_at = GREATEST(customer_window.last_inbound_at, EXCLUDED.last_inbound_at)""";

    private final DataSource dataSource;

    public CustomerWindowRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(List<CustomerWindow> windows) {
        if (windows.isEmpty()) {
            return;
        }
        // a stable order of rows keeps concurrent deliveries from deadlocking on each other's upserts
        List<CustomerWindow> ordered = windows.stream()
                .sorted(Comparator.comparing(CustomerWindow::senderId).thenComparing(CustomerWindow::waId)).toList();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (CustomerWindow w : ordered) {
                ps.setString(1, w.senderId());
                ps.setString(2, w.waId());
                ps.setTimestamp(3, Timestamp.from(w.lastInboundAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot record customer windows", e);
        }
    }

    public Optional<CustomerWindow> find(String senderId, String waId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT last_inbound_at FROM customer_window WHERE sender_id = ? AND wa_id = ?")) {
            ps.setString(1, senderId);
            ps.setString(2, waId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new CustomerWindow(senderId, waId, rs.getTimestamp(1).toInstant())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read customer window", e);
        }
    }

    /** Forgets windows closed for longer than {@code grace} beyond their 24 h. */
    public int purgeClosed(Duration grace) {
        return Purge.olderThan(dataSource, "customer_window", "last_inbound_at", CustomerWindow.LENGTH.plus(grace));
    }
}
