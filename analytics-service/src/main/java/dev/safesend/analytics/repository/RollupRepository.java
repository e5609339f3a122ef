package dev.safesend.analytics.repository;

import dev.safesend.analytics.domain.MessageProgress;
import dev.safesend.analytics.domain.RollupCell;
import dev.safesend.analytics.domain.RollupIncrements;
import dev.safesend.analytics.domain.Step;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.safesend.analytics.repository.SqlArrays.text;

/**
 * analytics.message_progress (each message's reached and counted steps and its rollup cell) and the rollups
 * analytics.rollup_hour / rollup_hour_reason. Set-based JDBC on the consumer's hot path: per poll batch one locking
 * read, one insert and one update of progress rows, one upsert per rollup table (README, "Hot paths").
 */
@ApplicationScoped
public class RollupRepository {

    /**
     * The messages' progress rows, locked until the transaction ends; absent messages have none yet. A join with the
     * array, not {@code message_id = ANY(?)}: PostgreSQL's cached generic plan for the latter scanned the whole table
     * (61 ms a batch at 60k messages, RollupBench with pg_stat_statements), the join is an index lookup per id.
     */
    public Map<String, MessageProgress> lock(Connection c, Collection<String> messageIds) throws SQLException {
        Map<String, MessageProgress> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT p.* FROM unnest(?::varchar[]) AS x(id) JOIN message_progress p ON p.message_id = x.id
                ORDER BY p.message_id FOR UPDATE OF p""")) {
            s.setArray(1, text(c, messageIds.toArray(String[]::new)));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp hour = r.getTimestamp("hour");
                    RollupCell cell = hour == null ? null : new RollupCell(hour.toInstant(), r.getString("project"),
                            r.getString("campaign_id"), r.getString("sender_id"), r.getString("template_name"),
                            r.getString("template_language"));
                    out.put(r.getString("message_id"), new MessageProgress(r.getString("message_id"), r.getInt("reached"),
                            r.getInt("counted"), cell, instant(r.getTimestamp("born_at")), (Integer) r.getObject("failed_code"),
                            r.getString("suppressed_reason"), instant(r.getTimestamp("last_at"))));
                }
            }
        }
        return out;
    }

    /**
     * Writes progress rows: {@code created} are new (a concurrent batch that created one first makes this fail with a
     * transient error, and the batch is retried with that row locked), {@code changed} existed and are locked.
     */
    public void save(Connection c, List<MessageProgress> created, List<MessageProgress> changed) throws SQLException {
        if (!created.isEmpty()) {
            int inserted;
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO message_progress (message_id, reached, counted, born_at, hour, project, campaign_id, sender_id,
                                                  template_name, template_language, failed_code, suppressed_reason, last_at)
                    SELECT id, re, co, to_timestamp(b / 1000.0), to_timestamp(h / 1000.0), p, ca, se, tn, tl, fc, sr, to_timestamp(l / 1000.0)
                    FROM unnest(?::text[], ?::int[], ?::int[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::int[], ?::text[], ?::bigint[]) AS x(id, re, co, b, h, p, ca, se, tn, tl, fc, sr, l)
                    ORDER BY id
                    ON CONFLICT (message_id) DO NOTHING""")) {
                bind(c, s, created);
                inserted = s.executeUpdate();
            }
            if (inserted != created.size()) {
                throw new SQLTransientException("a message's progress was first written by a concurrent batch", "40001");
            }
        }
        if (!changed.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE message_progress p SET reached = x.re, counted = x.co, born_at = to_timestamp(x.b / 1000.0),
                           hour = to_timestamp(x.h / 1000.0), project = x.p, campaign_id = x.ca, sender_id = x.se,
                           template_name = x.tn, template_language = x.tl, failed_code = x.fc, suppressed_reason = x.sr,
                           last_at = to_timestamp(x.l / 1000.0)
                    FROM unnest(?::text[], ?::int[], ?::int[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::int[], ?::text[], ?::bigint[]) AS x(id, re, co, b, h, p, ca, se, tn, tl, fc, sr, l)
                    WHERE p.message_id = x.id""")) {
                bind(c, s, changed);
                s.executeUpdate();
            }
        }
    }

    private static void bind(Connection c, PreparedStatement s, List<MessageProgress> rows) throws SQLException {
        int n = rows.size();
        String[] id = new String[n], project = new String[n], campaign = new String[n], sender = new String[n],
                template = new String[n], language = new String[n], reason = new String[n];
        Integer[] reached = new Integer[n], counted = new Integer[n], code = new Integer[n];
        Long[] born = new Long[n], hour = new Long[n], last = new Long[n];
        for (int i = 0; i < n; i++) {
            MessageProgress p = rows.get(i);
            id[i] = p.messageId();
            reached[i] = p.reached();
            counted[i] = p.counted();
            born[i] = millis(p.bornAt());
            last[i] = millis(p.lastAt());
            code[i] = p.failedCode();
            reason[i] = p.suppressedReason();
            RollupCell cell = p.cell();
            if (cell != null) {
                hour[i] = cell.hour().toEpochMilli();
                project[i] = cell.project();
                campaign[i] = cell.campaignId();
                sender[i] = cell.senderId();
                template[i] = cell.templateName();
                language[i] = cell.templateLanguage();
            }
        }
        s.setArray(1, text(c, id));
        s.setArray(2, c.createArrayOf("int4", reached));
        s.setArray(3, c.createArrayOf("int4", counted));
        s.setArray(4, c.createArrayOf("bigint", born));
        s.setArray(5, c.createArrayOf("bigint", hour));
        s.setArray(6, text(c, project));
        s.setArray(7, text(c, campaign));
        s.setArray(8, text(c, sender));
        s.setArray(9, text(c, template));
        s.setArray(10, text(c, language));
        s.setArray(11, c.createArrayOf("int4", code));
        s.setArray(12, text(c, reason));
        s.setArray(13, c.createArrayOf("bigint", last));
    }

    /** Adds a batch's increments to the rollups, cells in a fixed order so concurrent batches never deadlock. */
    public void add(Connection c, RollupIncrements increments) throws SQLException {
        if (increments.isEmpty()) {
            return;
        }
        int n = increments.cells().size();
        Long[] hour = new Long[n], first = new Long[n], last = new Long[n];
        String[] project = new String[n], campaign = new String[n], sender = new String[n], template = new String[n],
                language = new String[n];
        Long[][] steps = new Long[9][n];
        int i = 0;
        for (Map.Entry<RollupCell, RollupIncrements.Counts> e : increments.cells().entrySet()) {
            RollupCell cell = e.getKey();
            hour[i] = cell.hour().toEpochMilli();
            project[i] = cell.project();
            campaign[i] = cell.campaignId();
            sender[i] = cell.senderId();
            template[i] = cell.templateName();
            language[i] = cell.templateLanguage();
            for (int k = 0; k < 9; k++) {
                steps[k][i] = e.getValue().of(Step.values()[k]);
            }
            first[i] = millis(e.getValue().firstAt());
            last[i] = millis(e.getValue().lastAt());
            i++;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO rollup_hour AS r (hour, project, campaign_id, sender_id, template_name, template_language, submitted,
                                              sent, delivered, read, failed, suppressed, rejected, expired, deferred,
                                              first_event_at, last_event_at)
                SELECT to_timestamp(h / 1000.0), p, ca, se, tn, tl, s0, s1, s2, s3, s4, s5, s6, s7, s8,
                       to_timestamp(f / 1000.0), to_timestamp(l / 1000.0)
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[],
                            ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
                     AS x(h, p, ca, se, tn, tl, s0, s1, s2, s3, s4, s5, s6, s7, s8, f, l)
                ORDER BY 1, 2, 3, 4, 5, 6
                ON CONFLICT (hour, project, campaign_id, sender_id, template_name, template_language) DO UPDATE SET
                  submitted = r.submitted + EXCLUDED.submitted, sent = r.sent + EXCLUDED.sent,
                  delivered = r.delivered + EXCLUDED.delivered, read = r.read + EXCLUDED.read, failed = r.failed + EXCLUDED.failed,
                  suppressed = r.suppressed + EXCLUDED.suppressed, rejected = r.rejected + EXCLUDED.rejected,
                  expired = r.expired + EXCLUDED.expired, deferred = r.deferred + EXCLUDED.deferred,
                  first_event_at = LEAST(r.first_event_at, EXCLUDED.first_event_at),
                  last_event_at = GREATEST(r.last_event_at, EXCLUDED.last_event_at)""")) {
            s.setArray(1, c.createArrayOf("bigint", hour));
            s.setArray(2, text(c, project));
            s.setArray(3, text(c, campaign));
            s.setArray(4, text(c, sender));
            s.setArray(5, text(c, template));
            s.setArray(6, text(c, language));
            for (int k = 0; k < 9; k++) {
                s.setArray(7 + k, c.createArrayOf("bigint", steps[k]));
            }
            s.setArray(16, c.createArrayOf("bigint", first));
            s.setArray(17, c.createArrayOf("bigint", last));
            s.executeUpdate();
        }
        addReasons(c, increments.reasons());
    }

    private static void addReasons(Connection c, Map<RollupIncrements.ReasonKey, Long> reasons) throws SQLException {
        if (reasons.isEmpty()) {
            return;
        }
        int n = reasons.size();
        Long[] hour = new Long[n], messages = new Long[n];
        String[] project = new String[n], campaign = new String[n], sender = new String[n], template = new String[n],
                language = new String[n], kind = new String[n], reason = new String[n];
        int i = 0;
        for (Map.Entry<RollupIncrements.ReasonKey, Long> e : reasons.entrySet()) {
            RollupCell cell = e.getKey().cell();
            hour[i] = cell.hour().toEpochMilli();
            project[i] = cell.project();
            campaign[i] = cell.campaignId();
            sender[i] = cell.senderId();
            template[i] = cell.templateName();
            language[i] = cell.templateLanguage();
            kind[i] = e.getKey().kind();
            reason[i] = e.getKey().reason();
            messages[i] = e.getValue();
            i++;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO rollup_hour_reason AS r (hour, project, campaign_id, sender_id, template_name, template_language, kind,
                                                     reason, messages)
                SELECT to_timestamp(h / 1000.0), p, ca, se, tn, tl, k, re, n
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])
                     AS x(h, p, ca, se, tn, tl, k, re, n)
                ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
                ON CONFLICT (hour, project, campaign_id, sender_id, template_name, template_language, kind, reason)
                DO UPDATE SET messages = r.messages + EXCLUDED.messages""")) {
            s.setArray(1, c.createArrayOf("bigint", hour));
            s.setArray(2, text(c, project));
            s.setArray(3, text(c, campaign));
            s.setArray(4, text(c, sender));
            s.setArray(5, text(c, template));
            s.setArray(6, text(c, language));
            s.setArray(7, text(c, kind));
            s.setArray(8, text(c, reason));
            s.setArray(9, c.createArrayOf("bigint", messages));
            s.executeUpdate();
        }
    }

    private static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
