package dev.safesend.consent.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.consent.domain.AudienceMember;
import dev.safesend.consent.domain.Category;
import dev.safesend.consent.domain.Segment;
import dev.safesend.consent.domain.SegmentDefinition;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.safesend.consent.repository.Sql.failure;
import static dev.safesend.consent.repository.Sql.instant;
import static dev.safesend.consent.repository.Sql.ts;

/**
 * consent.segment, and the audience query: contacts of the segment's project currently OPTED_IN for a category, in
 * phone order (keyset pagination: {@code after} is the last phone of the previous page), streamed with a cursor.
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
        sql.append(" ORDER BY s.phone");
        if (limit > 0) {
            sql.append(" LIMIT ").append(limit);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof List<?> list) {
                    s.setArray(i + 1, c.createArrayOf("text", list.toArray()));
                } else {
                    s.setObject(i + 1, p);
                }
            }
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
}
