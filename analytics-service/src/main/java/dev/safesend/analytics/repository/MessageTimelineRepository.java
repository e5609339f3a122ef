package dev.safesend.analytics.repository;

import dev.safesend.analytics.domain.MessageStatus;
import dev.safesend.analytics.domain.MessageTimeline;
import dev.safesend.analytics.domain.StatusEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.safesend.analytics.repository.SqlArrays.text;

/**
 * analytics.message_step (every step once: by event id, and by message+status+source so Meta's retried webhooks count
 * once) and analytics.message_view (current status, forward only; the message's attributes, first known value wins).
 * Set-based JDBC: a poll batch's steps are one INSERT and its views one upsert (README, "Hot paths").
 */
@ApplicationScoped
public class MessageTimelineRepository {

    private static final String VIEW_COLUMNS = "message_id, status, project, sender_id, recipient, recipient_user_id, category, "
            + "campaign_id, client_reference, wamid, first_at, updated_at";

    private final AgroalDataSource dataSource;

    public MessageTimelineRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records the batch's steps and moves each message's view forward; returns the event ids that were new. */
    public Set<String> record(Connection c, List<StatusEvent> events) throws SQLException {
        Set<String> fresh = new HashSet<>();
        if (events.isEmpty()) {
            return fresh;
        }
        int n = events.size();
        String[] eventId = new String[n], messageId = new String[n], status = new String[n], source = new String[n],
                reason = new String[n], errorTitle = new String[n], wamid = new String[n];
        Long[] at = new Long[n];
        Integer[] errorCode = new Integer[n];
        for (int i = 0; i < n; i++) {
            StatusEvent e = events.get(i);
            eventId[i] = e.eventId();
            messageId[i] = e.messageId();
            status[i] = e.status().name();
            at[i] = e.at().toEpochMilli();
            source[i] = e.source();
            reason[i] = e.reason();
            errorCode[i] = e.errorCode();
            errorTitle[i] = e.errorTitle();
            wamid[i] = e.wamid();
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO message_step (event_id, message_id, status, at, source, reason, error_code, error_title, wamid)
                SELECT e, m, st, to_timestamp(a / 1000.0), so, r, ec, et, w
                FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[])
                     AS x(e, m, st, a, so, r, ec, et, w)
                ON CONFLICT DO NOTHING RETURNING event_id""")) {
            s.setArray(1, text(c, eventId));
            s.setArray(2, text(c, messageId));
            s.setArray(3, text(c, status));
            s.setArray(4, c.createArrayOf("bigint", at));
            s.setArray(5, text(c, source));
            s.setArray(6, text(c, reason));
            s.setArray(7, c.createArrayOf("int4", errorCode));
            s.setArray(8, text(c, errorTitle));
            s.setArray(9, text(c, wamid));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
        }
        upsertViews(c, events);
        return fresh;
    }

    /** One view row per message of the batch: its highest status, its earliest time, its first known attributes. */
    private static void upsertViews(Connection c, List<StatusEvent> events) throws SQLException {
        Map<String, ViewChange> byMessage = new LinkedHashMap<>();
        for (StatusEvent e : events) {
            byMessage.computeIfAbsent(e.messageId(), k -> new ViewChange()).add(e);
        }
        int n = byMessage.size();
        String[] id = new String[n], status = new String[n], project = new String[n], sender = new String[n],
                recipient = new String[n], userId = new String[n], category = new String[n], campaign = new String[n],
                reference = new String[n], wamid = new String[n];
        Integer[] rank = new Integer[n];
        Long[] first = new Long[n], updated = new Long[n];
        int i = 0;
        for (Map.Entry<String, ViewChange> entry : byMessage.entrySet()) {
            ViewChange v = entry.getValue();
            id[i] = entry.getKey();
            status[i] = v.best.status().name();
            rank[i] = v.best.status().rank();
            updated[i] = v.best.at().toEpochMilli();
            first[i] = v.first.toEpochMilli();
            project[i] = v.project;
            sender[i] = v.sender;
            recipient[i] = v.recipient;
            userId[i] = v.userId;
            category[i] = v.category;
            campaign[i] = v.campaign;
            reference[i] = v.reference;
            wamid[i] = v.wamid;
            i++;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO message_view AS v (message_id, status, status_rank, project, sender_id, recipient, recipient_user_id,
                                               category, campaign_id, client_reference, wamid, first_at, updated_at)
                SELECT id, st, rk, p, se, r, u, ca, cp, cr, w, to_timestamp(f / 1000.0), to_timestamp(up / 1000.0)
                FROM unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::bigint[], ?::bigint[]) AS x(id, st, rk, p, se, r, u, ca, cp, cr, w, f, up)
                ORDER BY id
                ON CONFLICT (message_id) DO UPDATE SET
                  status            = CASE WHEN EXCLUDED.status_rank > v.status_rank THEN EXCLUDED.status ELSE v.status END,
                  status_rank       = GREATEST(EXCLUDED.status_rank, v.status_rank),
                  updated_at        = CASE WHEN EXCLUDED.status_rank > v.status_rank THEN EXCLUDED.updated_at ELSE v.updated_at END,
                  first_at          = LEAST(v.first_at, EXCLUDED.first_at),
                  project           = COALESCE(v.project, EXCLUDED.project),
                  sender_id         = COALESCE(v.sender_id, EXCLUDED.sender_id),
                  recipient         = COALESCE(v.recipient, EXCLUDED.recipient),
                  recipient_user_id = COALESCE(v.recipient_user_id, EXCLUDED.recipient_user_id),
                  category          = COALESCE(v.category, EXCLUDED.category),
                  campaign_id       = COALESCE(v.campaign_id, EXCLUDED.campaign_id),
                  client_reference  = COALESCE(v.client_reference, EXCLUDED.client_reference),
                  wamid             = COALESCE(v.wamid, EXCLUDED.wamid)""")) {
            s.setArray(1, text(c, id));
            s.setArray(2, text(c, status));
            s.setArray(3, c.createArrayOf("int4", rank));
            s.setArray(4, text(c, project));
            s.setArray(5, text(c, sender));
            s.setArray(6, text(c, recipient));
            s.setArray(7, text(c, userId));
            s.setArray(8, text(c, category));
            s.setArray(9, text(c, campaign));
            s.setArray(10, text(c, reference));
            s.setArray(11, text(c, wamid));
            s.setArray(12, c.createArrayOf("bigint", first));
            s.setArray(13, c.createArrayOf("bigint", updated));
            s.executeUpdate();
        }
    }

    /** A message's view changes within one batch, gathered in arrival order. */
    private static final class ViewChange {
        StatusEvent best;
        Instant first;
        String project, sender, recipient, userId, category, campaign, reference, wamid;

        void add(StatusEvent e) {
            if (best == null || e.status().rank() > best.status().rank()) {
                best = e;
            }
            first = first == null || e.at().isBefore(first) ? e.at() : first;
            project = project != null ? project : e.project();
            sender = sender != null ? sender : e.senderId();
            recipient = recipient != null ? recipient : e.recipient();
            userId = userId != null ? userId : e.recipientUserId();
            category = category != null ? category : e.category();
            campaign = campaign != null ? campaign : e.campaignId();
            reference = reference != null ? reference : e.clientReference();
            wamid = wamid != null ? wamid : e.wamid();
        }
    }

    public Optional<MessageTimeline> find(String messageId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement view = c.prepareStatement("SELECT " + VIEW_COLUMNS + " FROM message_view WHERE message_id = ?");
             PreparedStatement steps = c.prepareStatement("SELECT * FROM message_step WHERE message_id = ? ORDER BY at, recorded_at")) {
            view.setString(1, messageId);
            try (ResultSet v = view.executeQuery()) {
                if (!v.next()) {
                    return Optional.empty();
                }
                return Optional.of(timeline(v, steps(steps, messageId)));
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read " + messageId + ": " + ex.getMessage(), ex);
        }
    }

    /** The messages sent with the caller's {@code clientReference}, newest first, with their timelines. */
    public List<MessageTimeline> findByClientReference(String clientReference, Collection<String> projects, int limit) {
        return list("client_reference = ?", clientReference, projects, limit, true);
    }

    /** A contact's latest messages (to the phone or BSUID {@code address}), newest first, without their steps. */
    public List<MessageTimeline> findByContact(String address, Collection<String> projects, int limit) {
        return list("(recipient = ? OR recipient_user_id = ?)", address, projects, limit, false);
    }

    private List<MessageTimeline> list(String where, String value, Collection<String> projects, int limit, boolean withSteps) {
        String sql = "SELECT " + VIEW_COLUMNS + " FROM message_view WHERE " + where
                + (projects == null ? "" : " AND project = ANY(?)") + " ORDER BY first_at DESC, message_id LIMIT ?";
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(sql);
             PreparedStatement steps = c.prepareStatement("SELECT * FROM message_step WHERE message_id = ? ORDER BY at, recorded_at")) {
            int i = 1;
            s.setString(i++, value);
            if (where.contains("OR")) {
                s.setString(i++, value);
            }
            if (projects != null) {
                s.setArray(i++, text(c, projects.toArray(String[]::new)));
            }
            s.setInt(i, limit);
            List<MessageTimeline> out = new ArrayList<>();
            try (ResultSet v = s.executeQuery()) {
                while (v.next()) {
                    out.add(timeline(v, withSteps ? steps(steps, v.getString("message_id")) : List.of()));
                }
            }
            return out;
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot list messages: " + ex.getMessage(), ex);
        }
    }

    private static List<StatusEvent> steps(PreparedStatement steps, String messageId) throws SQLException {
        steps.setString(1, messageId);
        List<StatusEvent> list = new ArrayList<>();
        try (ResultSet s = steps.executeQuery()) {
            while (s.next()) {
                list.add(StatusEvent.step(s.getString("event_id"), messageId, MessageStatus.valueOf(s.getString("status")),
                        s.getTimestamp("at").toInstant(), s.getString("source"), s.getString("wamid"), s.getString("reason"),
                        (Integer) s.getObject("error_code"), s.getString("error_title")));
            }
        }
        // Meta's status times have whole seconds and ours milliseconds: within a second, lifecycle order decides.
        list.sort(Comparator.comparing((StatusEvent st) -> st.at().truncatedTo(ChronoUnit.SECONDS))
                .thenComparing(st -> st.status().rank()));
        return list;
    }

    private static MessageTimeline timeline(ResultSet v, List<StatusEvent> steps) throws SQLException {
        return new MessageTimeline(v.getString("message_id"), MessageStatus.valueOf(v.getString("status")), v.getString("project"),
                v.getString("sender_id"), v.getString("recipient"), v.getString("recipient_user_id"), v.getString("category"),
                v.getString("campaign_id"), v.getString("client_reference"), v.getString("wamid"),
                v.getTimestamp("first_at").toInstant(), v.getTimestamp("updated_at").toInstant(), steps);
    }
}
