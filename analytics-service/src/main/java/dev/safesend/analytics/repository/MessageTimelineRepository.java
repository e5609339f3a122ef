package dev.safesend.analytics.repository;

import dev.safesend.analytics.domain.MessageStatus;
import dev.safesend.analytics.domain.MessageTimeline;
import dev.safesend.analytics.domain.StatusEvent;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * analytics.message_step (every step once: by event id, and by message+status+source so Meta's
 * retried webhooks count once) and analytics.message_view (current status, forward only).
 */
@ApplicationScoped
public class MessageTimelineRepository {

    private final AgroalDataSource dataSource;

    public MessageTimelineRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records the step and moves the view forward; false when the step was already recorded (a duplicate). */
    public boolean record(StatusEvent e) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean fresh;
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO message_step (event_id, message_id, status, at, source, reason, error_code, error_title, wamid)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                    s.setString(1, e.eventId());
                    s.setString(2, e.messageId());
                    s.setString(3, e.status().name());
                    s.setTimestamp(4, Timestamp.from(e.at()));
                    s.setString(5, e.source());
                    s.setString(6, e.reason());
                    s.setObject(7, e.errorCode());
                    s.setString(8, e.errorTitle());
                    s.setString(9, e.wamid());
                    fresh = s.executeUpdate() == 1;
                }
                if (fresh) {
                    try (PreparedStatement s = c.prepareStatement("""
                            INSERT INTO message_view AS v (message_id, status, status_rank, project, sender_id, recipient, category,
                                                         campaign_id, wamid, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (message_id) DO UPDATE SET
                              status      = CASE WHEN EXCLUDED.status_rank > v.status_rank THEN EXCLUDED.status ELSE v.status END,
                              status_rank = GREATEST(EXCLUDED.status_rank, v.status_rank),
                              updated_at  = CASE WHEN EXCLUDED.status_rank > v.status_rank THEN EXCLUDED.updated_at ELSE v.updated_at END,
                              project     = COALESCE(v.project, EXCLUDED.project),
                              sender_id   = COALESCE(v.sender_id, EXCLUDED.sender_id),
                              recipient   = COALESCE(v.recipient, EXCLUDED.recipient),
                              category    = COALESCE(v.category, EXCLUDED.category),
                              campaign_id = COALESCE(v.campaign_id, EXCLUDED.campaign_id),
                              wamid       = COALESCE(v.wamid, EXCLUDED.wamid)""")) {
                        s.setString(1, e.messageId());
                        s.setString(2, e.status().name());
                        s.setInt(3, e.status().rank());
                        s.setString(4, e.project());
                        s.setString(5, e.senderId());
                        s.setString(6, e.recipient());
                        s.setString(7, e.category());
                        s.setString(8, e.campaignId());
                        s.setString(9, e.wamid());
                        s.setTimestamp(10, Timestamp.from(e.at()));
                        s.executeUpdate();
                    }
                }
                c.commit();
                return fresh;
            } catch (SQLException ex) {
                c.rollback();
                throw ex;
            }
        } catch (SQLException ex) {
            throw new StoreUnavailableException("cannot record step of " + e.messageId() + ": " + ex.getMessage(), ex);
        }
    }

    public Optional<MessageTimeline> find(String messageId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement view = c.prepareStatement("SELECT * FROM message_view WHERE message_id = ?");
             PreparedStatement steps = c.prepareStatement("SELECT * FROM message_step WHERE message_id = ? ORDER BY at, recorded_at")) {
            view.setString(1, messageId);
            try (ResultSet v = view.executeQuery()) {
                if (!v.next()) {
                    return Optional.empty();
                }
                steps.setString(1, messageId);
                List<StatusEvent> list = new ArrayList<>();
                // Meta's status times have whole seconds and ours milliseconds: within a second, lifecycle order decides.
                try (ResultSet s = steps.executeQuery()) {
                    while (s.next()) {
                        list.add(new StatusEvent(s.getString("event_id"), messageId, MessageStatus.valueOf(s.getString("status")),
                                s.getTimestamp("at").toInstant(), s.getString("source"), null, null, null, null, null,
                                s.getString("wamid"), s.getString("reason"), (Integer) s.getObject("error_code"), s.getString("error_title")));
                    }
                }
                list.sort(java.util.Comparator.comparing((StatusEvent st) -> st.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                        .thenComparing(st -> st.status().rank()));
                return Optional.of(new MessageTimeline(messageId, MessageStatus.valueOf(v.getString("status")), v.getString("project"),
                        v.getString("sender_id"), v.getString("recipient"), v.getString("category"), v.getString("campaign_id"),
                        v.getString("wamid"), v.getTimestamp("updated_at").toInstant(), list));
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read " + messageId + ": " + ex.getMessage(), ex);
        }
    }
}
