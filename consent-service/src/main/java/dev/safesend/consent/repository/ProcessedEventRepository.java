package dev.safesend.consent.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import static dev.safesend.consent.repository.Sql.failure;

/** consent.processed_event: written in the same transaction as an event's effect, so a redelivery has none. */
@ApplicationScoped
public class ProcessedEventRepository {

    private final AgroalDataSource dataSource;

    public ProcessedEventRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Those of the event ids seen for the first time (one statement); the others are redeliveries. */
    public java.util.Set<String> firstTimes(java.util.List<String> eventIds, String topic) {
        java.util.Set<String> fresh = new java.util.HashSet<>();
        if (eventIds.isEmpty()) {
            return fresh;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO processed_event (event_id, topic) SELECT DISTINCT unnest(?::text[]), ?
                     ON CONFLICT DO NOTHING RETURNING event_id""")) {
            Sql.bindArray(s, 1, Sql.array(eventIds));
            s.setString(2, topic);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
            return fresh;
        } catch (SQLException e) {
            throw failure("record processed events", e);
        }
    }

    /** True the first time an event id is seen; false for a redelivery. */
    public boolean firstTime(String eventId, String topic) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO processed_event (event_id, topic) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, eventId);
            s.setString(2, topic);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("record a processed event", e);
        }
    }
}
