package dev.safesend.analytics.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.analytics.domain.ReportQuery;
import dev.safesend.analytics.domain.ReplyTotals;
import dev.safesend.analytics.domain.ReportRow;
import dev.safesend.analytics.domain.RollupTotals;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static dev.safesend.analytics.repository.SqlArrays.text;

/**
 * Reports read from the rollups (GROUP BY over rollup_hour and rollup_hour_reason), with replies and opt-outs counted in
 * the same statement: attribution_reply and attribution_opt_out joined on the message they are credited to with that
 * message's rollup cell in message_progress, so they group by the same keys (acceptance hour/day, project, campaign,
 * sender, template) under the same filters. Plain JDBC rather than Panache: these
 * are sums over rows, not aggregates read as objects, and a CSV export streams them from a server-side cursor (fetch
 * size {@value #FETCH_SIZE}) so a million rows never sit in memory.
 */
@ApplicationScoped
public class ReportRepository {

    static final int FETCH_SIZE = 1000;
    /**
     * Replies credited to a message (attribution_reply.message_id) with that message's rollup cell: the key columns of
     * rollup_hour, so the report's expressions and filters apply unchanged. A message without a cell yet has no hour.
     */
    private static final String CREDITED_REPLIES = """
            SELECT p.hour, (p.hour AT TIME ZONE 'UTC')::date AS day, p.project, p.campaign_id, p.sender_id, p.template_name,
                   p.template_language, a.contact, a.event_id, a.received_at,
                   GREATEST(0, extract(epoch FROM a.received_at - a.delivered_at)) AS seconds
            FROM attribution_reply a JOIN message_progress p ON p.message_id = a.message_id""";
    /** Opt-outs credited to a message, with its rollup cell (as {@link #CREDITED_REPLIES}). */
    private static final String CREDITED_OPT_OUTS = """
            SELECT p.hour, p.project, p.campaign_id, p.sender_id, p.template_name, p.template_language, a.contact
            FROM attribution_opt_out a JOIN message_progress p ON p.message_id = a.message_id""";
    private static final TypeReference<TreeMap<String, Long>> COUNTS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();

    public ReportRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Hands every row of the report to {@code sink}, in key order, as the cursor reads them. */
    public void stream(ReportQuery q, Consumer<ReportRow> sink) {
        List<String> keys = keys(q.grouping());
        String select = keys.isEmpty() ? "" : String.join(", ", keys.stream().map(ReportRepository::expression).toList()) + ", ";
        String group = keys.isEmpty() ? "()" : String.join(", ", keys);
        StringBuilder where = new StringBuilder("hour >= ? AND hour < ?");
        List<Object> params = new ArrayList<>();
        params.add(Timestamp.from(q.from()));
        params.add(Timestamp.from(q.to()));
        switch (q.grouping()) {
            case CAMPAIGN -> where.append(" AND campaign_id <> ''");
            case SENDER_DAY -> where.append(" AND sender_id <> ''");
            case TEMPLATE_DAY -> where.append(" AND template_name <> ''");
            default -> { }
        }
        if (q.campaignId() != null) {
            where.append(" AND campaign_id = ?");
            params.add(q.campaignId());
        }
        if (q.project() != null) {
            where.append(" AND project = ?");
            params.add(q.project());
        }
        boolean scoped = q.projects() != null;
        if (scoped) {
            where.append(" AND project = ANY(?)");
        }
        String join = keys.isEmpty() ? "ON TRUE" : "USING (" + group + ")";
        String sql = "WITH r AS (SELECT " + select + """
                COALESCE(sum(submitted), 0) submitted, COALESCE(sum(sent), 0) sent, COALESCE(sum(delivered), 0) delivered,
                COALESCE(sum(read), 0) read, COALESCE(sum(failed), 0) failed, COALESCE(sum(suppressed), 0) suppressed,
                COALESCE(sum(rejected), 0) rejected, COALESCE(sum(expired), 0) expired, COALESCE(sum(deferred), 0) deferred,
                min(first_event_at) first_event_at, max(last_event_at) last_event_at
                FROM rollup_hour WHERE""" + " " + where + " GROUP BY " + group + "), "
                + "x AS (SELECT " + select + "kind, reason, sum(messages) n FROM rollup_hour_reason WHERE " + where
                + " GROUP BY " + (keys.isEmpty() ? "" : group + ", ") + "kind, reason), "
                + "m AS (SELECT " + (keys.isEmpty() ? "" : group + ", ")
                + "jsonb_object_agg(reason, n) FILTER (WHERE kind = 'FAILED') failed_by_code, "
                + "jsonb_object_agg(reason, n) FILTER (WHERE kind = 'SUPPRESSED') suppressed_by_reason FROM x"
                + (keys.isEmpty() ? "" : " GROUP BY " + group) + "), "
                // each replying contact's first reply credited to the row's messages, and the median of its response time
                + "f AS (SELECT " + select + "seconds, row_number() OVER (PARTITION BY " + (keys.isEmpty() ? "" : group + ", ")
                + "contact ORDER BY received_at, event_id) nth FROM (" + CREDITED_REPLIES + ") c WHERE " + where + "), "
                + "y AS (SELECT " + (keys.isEmpty() ? "" : group + ", ") + "count(*) replied, "
                + "percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) first_response_p50 FROM f WHERE nth = 1 GROUP BY " + group + "), "
                + "o AS (SELECT " + select + "count(DISTINCT contact) opt_outs FROM (" + CREDITED_OPT_OUTS + ") c WHERE " + where
                + " GROUP BY " + group + ") "
                + "SELECT r.*, m.failed_by_code::text failed_by_code, m.suppressed_by_reason::text suppressed_by_reason, "
                + "COALESCE(y.replied, 0) replied, y.first_response_p50, COALESCE(o.opt_outs, 0) opt_outs "
                + "FROM r LEFT JOIN m " + join + " LEFT JOIN y " + join + " LEFT JOIN o " + join
                + (keys.isEmpty() ? "" : " ORDER BY " + group);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setFetchSize(FETCH_SIZE);
                int i = 1;
                for (int round = 0; round < 4; round++) { // the same filters in r, x, f and o
                    for (Object p : params) {
                        s.setObject(i++, p);
                    }
                    if (scoped) {
                        s.setArray(i++, text(c, q.projects().toArray(String[]::new)));
                    }
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        sink.accept(row(r, keys));
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read report " + q.grouping() + ": " + e.getMessage(), e);
        }
    }

    /** The report's rows in a list, for reports whose rows are few (a campaign's days and hours, one day's totals). */
    public List<ReportRow> list(ReportQuery q) {
        List<ReportRow> rows = new ArrayList<>();
        stream(q, rows::add);
        return rows;
    }

    private static List<String> keys(ReportQuery.Grouping g) {
        return switch (g) {
            case CAMPAIGN -> List.of("campaign_id", "project");
            case CAMPAIGN_DAY -> List.of("day");
            case CAMPAIGN_HOUR -> List.of("hour");
            case SENDER_DAY -> List.of("sender_id", "day");
            case TEMPLATE_DAY -> List.of("template_name", "template_language", "day");
            case PROJECT_DAY -> List.of("project", "day");
            case TOTAL -> List.of();
        };
    }

    private static String expression(String key) {
        return "day".equals(key) ? "(hour AT TIME ZONE 'UTC')::date AS day" : key;
    }

    private ReportRow row(ResultSet r, List<String> keys) throws SQLException {
        RollupTotals totals = new RollupTotals(r.getLong("submitted"), r.getLong("sent"), r.getLong("delivered"), r.getLong("read"),
                r.getLong("failed"), r.getLong("suppressed"), r.getLong("rejected"), r.getLong("expired"), r.getLong("deferred"));
        Timestamp first = r.getTimestamp("first_event_at");
        Timestamp last = r.getTimestamp("last_event_at");
        return new ReportRow(keys.contains("campaign_id") ? r.getString("campaign_id") : null,
                keys.contains("project") ? r.getString("project") : null,
                keys.contains("sender_id") ? r.getString("sender_id") : null,
                keys.contains("template_name") ? r.getString("template_name") : null,
                keys.contains("template_language") ? r.getString("template_language") : null,
                keys.contains("day") ? r.getObject("day", java.time.LocalDate.class) : null,
                keys.contains("hour") ? r.getTimestamp("hour").toInstant() : null,
                totals, counts(r.getString("failed_by_code")), counts(r.getString("suppressed_by_reason")),
                new ReplyTotals(r.getLong("replied"), r.getLong("opt_outs"), (Double) r.getObject("first_response_p50")),
                first == null ? null : first.toInstant(), last == null ? null : last.toInstant());
    }

    private Map<String, Long> counts(String jsonObject) {
        if (jsonObject == null) {
            return Map.of();
        }
        try {
            return json.readValue(jsonObject, COUNTS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable reason counts " + jsonObject, e);
        }
    }
}
