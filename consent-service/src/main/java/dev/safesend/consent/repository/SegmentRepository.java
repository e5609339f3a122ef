package dev.safesend.consent.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.consent.domain.AudienceMember;
import dev.safesend.consent.domain.Category;
import dev.safesend.consent.domain.Segment;
import dev.safesend.consent.domain.SegmentCounts;
import dev.safesend.consent.domain.SegmentDefinition;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.safesend.consent.repository.Sql.failure;
import static dev.safesend.consent.repository.Sql.instant;
import static dev.safesend.consent.repository.Sql.ts;

/**
 * consent.segment, the audience query (contacts of the segment's project currently OPTED_IN for a category, in phone
 * order; keyset pagination: {@code after} is the last phone of the previous page; streamed with a cursor) and the
 * segment's counts. Both take the segment's filters from {@link #appendFilters}.
 */
@ApplicationScoped
public class SegmentRepository {

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() { };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public SegmentRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public void save(Segment segment) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO segment (id, name, project, definition, created_at) VALUES (?, ?, ?, ?::jsonb, ?)")) {
            s.setString(1, segment.id());
            s.setString(2, segment.definition().name());
            s.setString(3, segment.definition().project());
            s.setString(4, json.writeValueAsString(segment.definition()));
            s.setTimestamp(5, ts(segment.createdAt()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("save a segment", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode a segment", e);
        }
    }

    public Optional<Segment> find(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM segment WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Segment(id, json.readValue(rs.getString("definition"), SegmentDefinition.class),
                        instant(rs.getTimestamp("created_at"))));
            }
        } catch (SQLException e) {
            throw failure("read a segment", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable segment " + id, e);
        }
    }

    /**
     * Feeds {@code sink} the audience in phone order. Must run inside a transaction (the cursor needs one).
     *
     * @param after first phone excluded (the previous page's last), or null
     * @param limit at most this many, or 0 for all
     */
    public void audience(SegmentDefinition d, Category category, String after, int limit, Instant now, Consumer<AudienceMember> sink) {
        StringBuilder sql = new StringBuilder("""
                SELECT c.phone, c.wa_id, c.name, c.language, c.region, c.attributes::text AS attributes
                FROM consent_current s JOIN contact c ON c.phone = s.phone
                WHERE s.project = ? AND s.""" + ConsentColumns.state(category) + " = 'OPTED_IN'"); // a column per category, each with its partial index
        List<Object> params = new ArrayList<>(List.of(d.project()));
        if (after != null) {
            sql.append(" AND s.phone > ?");
            params.add(after);
        }
        appendFilters(d, now, sql, params);
        sql.append(" ORDER BY s.phone");
        if (limit > 0) {
            sql.append(" LIMIT ").append(limit);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params)) {
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String attrs = rs.getString(6);
                    sink.accept(new AudienceMember(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), "{}".equals(attrs) ? Map.of() : json.readValue(attrs, ATTRIBUTES)));
                }
            }
        } catch (SQLException e) {
            throw failure("read an audience", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable attributes", e);
        }
    }

    /**
     * How many contacts match the segment and what their consent for {@code category} is, in one statement (grouping
     * sets: the totals, then the opted-in per region and per language). Matched are the contacts of the segment's project
     * (created in it, or with consent in it) that pass every filter, whatever their consent; opted in are exactly the
     * audience's members ({@link #audience} with the same {@code now}). A contact without region or language is counted
     * under {@link SegmentCounts#NO_REGION} or {@link SegmentCounts#NO_LANGUAGE}.
     */
    public SegmentCounts counts(SegmentDefinition d, Category category, Instant now) {
        String state = "s." + ConsentColumns.state(category);
        StringBuilder sql = new StringBuilder("SELECT GROUPING(c.region) AS all_regions, GROUPING(c.language) AS all_languages,"
                + " c.region, c.language, count(*) AS matched,"
                + " count(*) FILTER (WHERE " + state + " = 'OPTED_IN') AS opted_in,"
                + " count(*) FILTER (WHERE " + state + " = 'OPTED_OUT') AS opted_out,"
                + " count(*) FILTER (WHERE " + state + " IS NULL OR " + state + " NOT IN ('OPTED_IN', 'OPTED_OUT')) AS no_opt_in"
                + " FROM contact c LEFT JOIN consent_current s ON s.phone = c.phone AND s.project = ?"
                + " WHERE (c.project = ? OR s.phone IS NOT NULL)");
        List<Object> params = new ArrayList<>(List.of(d.project(), d.project()));
        appendFilters(d, now, sql, params);
        sql.append(" GROUP BY GROUPING SETS ((), (c.region), (c.language)) ORDER BY 1 DESC, 2 DESC, 3, 4");
        long matched = 0;
        long optedIn = 0;
        Map<SegmentCounts.Drop, Long> dropped = new EnumMap<>(SegmentCounts.Drop.class);
        Map<String, Long> byRegion = new LinkedHashMap<>();
        Map<String, Long> byLanguage = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                boolean allRegions = rs.getInt("all_regions") == 1;
                boolean allLanguages = rs.getInt("all_languages") == 1;
                long in = rs.getLong("opted_in");
                if (allRegions && allLanguages) { // the totals (always one row, zeros when nothing matches)
                    matched = rs.getLong("matched");
                    optedIn = in;
                    dropped.put(SegmentCounts.Drop.NO_OPT_IN, rs.getLong("no_opt_in"));
                    dropped.put(SegmentCounts.Drop.OPTED_OUT, rs.getLong("opted_out"));
                } else if (allLanguages) { // a region's row
                    if (in > 0) {
                        byRegion.merge(Objects.requireNonNullElse(rs.getString("region"), SegmentCounts.NO_REGION), in, Long::sum);
                    }
                } else if (in > 0) { // a language's row
                    byLanguage.merge(Objects.requireNonNullElse(rs.getString("language"), SegmentCounts.NO_LANGUAGE), in, Long::sum);
                }
            }
        } catch (SQLException e) {
            throw failure("count a segment", e);
        }
        return new SegmentCounts(matched, optedIn, dropped, byRegion, byLanguage, now);
    }

    /**
     * Appends the segment's filters on contact {@code c} ({@code AND …} each, every given filter must hold) and their
     * parameters: the one definition of who matches a segment, shared by the audience and the counts.
     */
    private void appendFilters(SegmentDefinition d, Instant now, StringBuilder sql, List<Object> params) {
        if (!d.tagsAll().isEmpty()) {
            sql.append(" AND c.tags @> ?");
            params.add(d.tagsAll());
        }
        if (!d.tagsAny().isEmpty()) {
            sql.append(" AND c.tags && ?");
            params.add(d.tagsAny());
        }
        if (!d.attributes().isEmpty()) {
            sql.append(" AND c.attributes @> ?::jsonb");
            try {
                params.add(json.writeValueAsString(d.attributes()));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
        if (!d.regions().isEmpty()) {
            sql.append(" AND c.region = ANY(?)");
            params.add(d.regions());
        }
        if (!d.languages().isEmpty()) {
            sql.append(" AND c.language = ANY(?)");
            params.add(d.languages());
        }
        if (d.lastContactedMoreThan() != null) {
            sql.append(" AND (c.last_contacted_at IS NULL OR c.last_contacted_at < ?)");
            params.add(ts(SegmentDefinition.cutoff(now, d.lastContactedMoreThan())));
        }
        if (d.lastContactedWithin() != null) {
            sql.append(" AND c.last_contacted_at >= ?");
            params.add(ts(SegmentDefinition.cutoff(now, d.lastContactedWithin())));
        }
        if (d.lastInboundMoreThan() != null) {
            sql.append(" AND (c.last_inbound_at IS NULL OR c.last_inbound_at < ?)");
            params.add(ts(SegmentDefinition.cutoff(now, d.lastInboundMoreThan())));
        }
        if (d.lastInboundWithin() != null) {
            sql.append(" AND c.last_inbound_at >= ?");
            params.add(ts(SegmentDefinition.cutoff(now, d.lastInboundWithin())));
        }
    }

    /** The statement with its parameters bound in order (lists as text arrays). */
    private static PreparedStatement prepare(Connection c, CharSequence sql, List<Object> params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql.toString());
        try {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof List<?> list) {
                    s.setArray(i + 1, c.createArrayOf("text", list.toArray()));
                } else {
                    s.setObject(i + 1, p);
                }
            }
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
