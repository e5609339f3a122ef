package dev.safesend.ingest.repository;

import dev.safesend.ingest.domain.campaign.RecipientState;
import dev.safesend.servicekit.store.CopyRows;
import dev.safesend.servicekit.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A campaign's recipients (ingest.campaign_recipient), set-based: the fan-out appends a page of the audience with
 * COPY together with its checkpoint, the releaser claims queued rows, and the progress consumer moves rows forward
 * from message events with one statement per batch. (JDBC rather than Panache: these touch up to millions of rows.)
 */
@ApplicationScoped
public class CampaignRecipientRepository {

    /** A recipient as the fan-out writes it. */
    public record NewRecipient(long seq, String recipient, String messageId, String zone, String language,
                               List<String> parameters, RecipientState state, String reason) {
    }

    /** A queued recipient the releaser hands to dispatch. */
    public record Queued(long seq, String recipient, String messageId, String language, List<String> parameters) {
    }

    /** A message event for a campaign message; {@code wamid} when the event names Meta's id. */
    public record StatusChange(String messageId, RecipientState state, String reason, String senderId, Instant at, String wamid) {
    }

    private final DataSource dataSource;

    public CampaignRecipientRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Appends a page of recipients and moves the campaign's checkpoint past it, in the caller's transaction: after a
     * crash the page is either wholly there with its checkpoint or not at all. False (nothing written) when the
     * checkpoint is no longer {@code previousCursor}.
     */
    public boolean append(String campaignId, String previousCursor, List<NewRecipient> rows, String cursor, boolean done) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE campaign SET audience_cursor = ?, audience_done = ?, recipients = recipients + ?, version = version + 1
                    WHERE id = ? AND audience_cursor IS NOT DISTINCT FROM ? AND NOT audience_done
                      AND state NOT IN ('CANCELLED', 'COMPLETED')""")) {
                s.setString(1, cursor);
                s.setBoolean(2, done);
                s.setLong(3, rows.size());
                s.setString(4, campaignId);
                s.setString(5, previousCursor);
                if (s.executeUpdate() == 0) {
                    return false; // another instance copied this page first, or the campaign was cancelled
                }
            }
            if (!rows.isEmpty()) {
                CopyRows copy = new CopyRows();
                for (NewRecipient r : rows) {
                    copy.add(campaignId).add(r.seq()).add(r.recipient()).add(r.messageId()).add(r.zone()).add(r.language())
                            .addTextArray(r.parameters()).add(r.state().name()).add(r.state().rank()).add(r.reason()).endRow();
                }
                copy.into(c, "campaign_recipient (campaign_id, seq, recipient, message_id, zone, language, parameters, state, rank, reason)");
            }
            return true;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot append campaign recipients", e);
        }
    }

    /** Queued recipients per zone. */
    public Map<String, Long> queuedByZone(String campaignId) {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT zone, count(*) FROM campaign_recipient WHERE campaign_id = ? AND state = 'QUEUED' GROUP BY zone")) {
            s.setString(1, campaignId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot count queued recipients", e);
        }
    }

    /**
     * Queued recipients per zone whose contact health-monitor found dormant in {@code project} until after {@code at}
     * (contact_engagement): those dispatch will suppress as LOW_ENGAGEMENT. One join of the campaign's queued rows with
     * the project's dormant contacts. The address must match as copied (phone or BSUID); dispatch also matches a
     * contact's other addresses.
     */
    public Map<String, Long> dormantQueuedByZone(String campaignId, String project, Instant at) {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT r.zone, count(*) FROM campaign_recipient r
                     JOIN contact_engagement e ON e.project = ? AND e.contact = r.recipient
                     WHERE r.campaign_id = ? AND r.state = 'QUEUED' AND e.dormant_until > ?
                     GROUP BY r.zone""")) {
            s.setString(1, project);
            s.setString(2, campaignId);
            s.setTimestamp(3, Timestamp.from(at));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot count dormant queued recipients", e);
        }
    }

    /** A queued recipient and its zone, as the forecast reads them. */
    public record Waiting(Queued queued, String zone) {
    }

    /**
     * Up to {@code limit} queued recipients after {@code afterSeq} in audience order, leaving out those whose contact is
     * dormant in {@code project} until after {@code dormantAt} (the ones {@link #dormantQueuedByZone} counts): a page
     * of what the forecast asks dispatch's per-person marketing rules about. Keyset-paged on the primary key.
     */
    public List<Waiting> queuedAfter(String campaignId, long afterSeq, int limit, String project, Instant dormantAt) {
        List<Waiting> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT r.seq, r.recipient, r.message_id, r.language, r.parameters, r.zone FROM campaign_recipient r
                     WHERE r.campaign_id = ? AND r.seq > ? AND r.state = 'QUEUED'
                       AND NOT EXISTS (SELECT 1 FROM contact_engagement e
                                       WHERE e.project = ? AND e.contact = r.recipient AND e.dormant_until > ?)
                     ORDER BY r.seq LIMIT ?""")) {
            s.setString(1, campaignId);
            s.setLong(2, afterSeq);
            s.setString(3, project);
            s.setTimestamp(4, Timestamp.from(dormantAt));
            s.setInt(5, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String[] params = (String[]) rs.getArray(5).getArray();
                    out.add(new Waiting(new Queued(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), List.of(params)),
                            rs.getString(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read queued recipients", e);
        }
    }

    /**
     * Claims up to {@code limit} queued recipients of the given zones in audience order and marks them RELEASED (the
     * claim is a materialised CTE: as a plain subquery the planner may run it once per joined row and claim more), in
     * the caller's transaction (which also publishes them and waits for Kafka: a crash before the commit leaves them
     * queued, and releasing them again reuses their message ids, which dispatch sends at most once).
     */
    public List<Queued> claim(String campaignId, List<String> zones, int limit, Instant now) {
        List<Queued> out = new ArrayList<>();
        if (zones.isEmpty() || limit <= 0) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     WITH q AS MATERIALIZED (
                         SELECT seq FROM campaign_recipient
                         WHERE campaign_id = ? AND state = 'QUEUED' AND zone = ANY (?) ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED)
                     UPDATE campaign_recipient r SET state = 'RELEASED', rank = 1, released_at = ?, updated_at = ?
                     FROM q WHERE r.campaign_id = ? AND r.seq = q.seq
                     RETURNING r.seq, r.recipient, r.message_id, r.language, r.parameters""")) {
            s.setString(1, campaignId);
            s.setArray(2, c.createArrayOf("text", zones.toArray()));
            s.setInt(3, limit);
            s.setTimestamp(4, Timestamp.from(now));
            s.setTimestamp(5, Timestamp.from(now));
            s.setString(6, campaignId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String[] params = (String[]) rs.getArray(5).getArray();
                    out.add(new Queued(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), List.of(params)));
                }
            }
            out.sort(java.util.Comparator.comparingLong(Queued::seq));
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot claim campaign recipients", e);
        }
    }

    /** Records which sender each released message went to. */
    public void assignSenders(List<String> messageIds, List<String> senderIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     UPDATE campaign_recipient r SET sender_id = t.sender
                     FROM unnest(?::text[], ?::text[]) AS t(message_id, sender) WHERE r.message_id = t.message_id""")) {
            s.setArray(1, c.createArrayOf("text", messageIds.toArray()));
            s.setArray(2, c.createArrayOf("text", senderIds.toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot record campaign senders", e);
        }
    }

    /**
     * Moves recipients forward by their messages' events, in one statement; an event whose state does not rank
     * above the stored one (redelivered, or out of order) changes nothing. Answers the campaigns touched.
     */
    public Set<String> apply(List<StatusChange> changes) {
        Set<String> touched = new HashSet<>();
        if (changes.isEmpty()) {
            return touched;
        }
        // one change per message: the furthest one of this batch
        Map<String, StatusChange> furthest = new LinkedHashMap<>();
        for (StatusChange ch : changes) {
            furthest.merge(ch.messageId(), ch, (a, b) -> b.state().rank() > a.state().rank() ? b : a);
        }
        List<StatusChange> list = new ArrayList<>(furthest.values());
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     UPDATE campaign_recipient r SET state = t.state, rank = t.rank, reason = t.reason,
                            sender_id = COALESCE(r.sender_id, t.sender), updated_at = t.at, wamid = COALESCE(r.wamid, t.wamid)
                     FROM unnest(?::text[], ?::text[], ?::smallint[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])
                          AS t(message_id, state, rank, reason, sender, at, wamid)
                     WHERE r.message_id = t.message_id AND r.rank < t.rank AND r.rank < 10
                     RETURNING r.campaign_id""")) {
            s.setArray(1, c.createArrayOf("text", list.stream().map(StatusChange::messageId).toArray()));
            s.setArray(2, c.createArrayOf("text", list.stream().map(x -> x.state().name()).toArray()));
            s.setArray(3, c.createArrayOf("int2", list.stream().map(x -> (short) x.state().rank()).toArray()));
            s.setArray(4, c.createArrayOf("text", list.stream().map(StatusChange::reason).toArray()));
            s.setArray(5, c.createArrayOf("text", list.stream().map(StatusChange::senderId).toArray()));
            s.setArray(6, c.createArrayOf("timestamptz", list.stream().map(x -> Timestamp.from(x.at())).toArray()));
            s.setArray(7, c.createArrayOf("text", list.stream().map(StatusChange::wamid).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    touched.add(rs.getString(1));
                }
            }
            return touched;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot apply campaign statuses", e);
        }
    }

    /**
     * Up to {@code limit} recipients never released of a cancelled campaign become CANCELLED (terminal, reason
     * CAMPAIGN_CANCELLED); answers how many. Done in chunks, after the cancel: a million rows in the cancel's own
     * transaction would hold the request for many seconds.
     */
    public int cancelQueued(String campaignId, int limit, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     WITH q AS MATERIALIZED (
                         SELECT seq FROM campaign_recipient WHERE campaign_id = ? AND state = 'QUEUED' LIMIT ? FOR UPDATE SKIP LOCKED)
                     UPDATE campaign_recipient r SET state = 'CANCELLED', rank = 10, reason = 'CAMPAIGN_CANCELLED', updated_at = ?
                     FROM q WHERE r.campaign_id = ? AND r.seq = q.seq""")) {
            s.setString(1, campaignId);
            s.setInt(2, limit);
            s.setTimestamp(3, Timestamp.from(now));
            s.setString(4, campaignId);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot cancel queued recipients", e);
        }
    }

    /** A user's message quoting a message of ours (context wamid), and when it was received. */
    public record Reply(String contextWamid, Instant at) {
    }

    /** Marks the campaign messages these replies quote as replied (the first reply's time); answers how many moved. */
    public int markReplied(List<Reply> replies) {
        if (replies.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     UPDATE campaign_recipient r SET replied_at = t.at
                     FROM (SELECT wamid, min(at) AS at FROM unnest(?::text[], ?::timestamptz[]) AS u(wamid, at) GROUP BY wamid) t
                     WHERE r.wamid = t.wamid AND (r.replied_at IS NULL OR r.replied_at > t.at)""")) {
            s.setArray(1, c.createArrayOf("text", replies.stream().map(Reply::contextWamid).toArray()));
            s.setArray(2, c.createArrayOf("timestamptz", replies.stream().map(r -> Timestamp.from(r.at())).toArray()));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot mark campaign replies", e);
        }
    }

    /** How many of the campaign's messages were replied to. */
    public long replied(String campaignId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT count(*) FROM campaign_recipient WHERE campaign_id = ? AND replied_at IS NOT NULL")) {
            s.setString(1, campaignId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot count campaign replies", e);
        }
    }

    /**
     * Whether the campaign is RUNNING, holding a share lock on its row until the caller's transaction ends: a pause
     * or cancel (which locks the row for update) then waits for a release under way, or the release sees it.
     */
    public boolean runningLocked(String campaignId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT state FROM campaign WHERE id = ? FOR SHARE")) {
            s.setString(1, campaignId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && "RUNNING".equals(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read a campaign's state", e);
        }
    }

    /** Recipients without a final state yet (queued, in the lanes, deferred, submitted, unknown); two index scans. */
    public long unfinished(String campaignId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT (SELECT count(*) FROM campaign_recipient WHERE campaign_id = ? AND state = 'QUEUED')
                          + (SELECT count(*) FROM campaign_recipient WHERE campaign_id = ? AND rank BETWEEN 1 AND 5)""")) {
            s.setString(1, campaignId);
            s.setString(2, campaignId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot count unfinished recipients", e);
        }
    }

    /** Counts by state and reason. */
    public List<StateCount> counts(String campaignId) {
        List<StateCount> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT state, reason, count(*) FROM campaign_recipient WHERE campaign_id = ? GROUP BY state, reason")) {
            s.setString(1, campaignId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new StateCount(RecipientState.valueOf(rs.getString(1)), rs.getString(2), rs.getLong(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot count campaign recipients", e);
        }
    }

    public record StateCount(RecipientState state, String reason, long count) {
    }

    /** Released in the last hour and the last 24 hours. */
    public record Released(long lastHour, long lastDay) {
    }

    /**
     * What the campaign's ceilings count: released in the last hour and the last 24 hours, read in one index scan
     * and only for a ceiling the campaign has (0 otherwise), since the releaser asks five times a second.
     */
    public Released released(String campaignId, dev.safesend.ingest.domain.campaign.CampaignDefinition.Pacing pacing, Instant now) {
        if (pacing.maxPerHour() <= 0 && pacing.maxPerDay() <= 0) {
            return new Released(0, 0);
        }
        Instant hourAgo = now.minus(java.time.Duration.ofHours(1));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT count(*) FILTER (WHERE released_at >= ?), count(*) FROM campaign_recipient
                     WHERE campaign_id = ? AND released_at >= ?""")) {
            s.setTimestamp(1, Timestamp.from(hourAgo));
            s.setString(2, campaignId);
            s.setTimestamp(3, Timestamp.from(pacing.maxPerDay() > 0 ? now.minus(java.time.Duration.ofDays(1)) : hourAgo));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Released(rs.getLong(1), pacing.maxPerDay() > 0 ? rs.getLong(2) : 0);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot count released recipients", e);
        }
    }

    /** Released in the window [since, now): the current pace. */
    public long releasedSince(String campaignId, Instant since) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT count(*) FROM campaign_recipient WHERE campaign_id = ? AND released_at >= ?")) {
            s.setString(1, campaignId);
            s.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot count released recipients", e);
        }
    }

    /** Released and not yet answered by dispatch (neither deferred, submitted nor final): what is in the lanes. */
    public long inLanes(String campaignId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT count(*) FROM campaign_recipient WHERE campaign_id = ? AND state = 'RELEASED'")) {
            s.setString(1, campaignId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot count released recipients", e);
        }
    }
}
