package dev.safesend.ingest.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.ingest.domain.Template;
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
import java.util.List;

/** The template registry (ingest.message_template), keyed by (name, language). */
@ApplicationScoped
public class TemplateRepository {

    private static final String UPSERT = """
            INSERT INTO message_template (name, language, template_id, category, status, quality, parameter_format,
                                          header_format, header_text, body_text, footer_text, buttons, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (name, language) DO UPDATE SET template_id = EXCLUDED.template_id, category = EXCLUDED.category,
               status = EXCLUDED.status, quality = EXCLUDED.quality, parameter_format = EXCLUDED.parameter_format,
               header_format = EXCLUDED.header_format, header_text = EXCLUDED.header_text, body_text = EXCLUDED.body_text,
               footer_text = EXCLUDED.footer_text, buttons = EXCLUDED.buttons, updated_at = EXCLUDED.updated_at""";
    private static final TypeReference<List<Template.Button>> BUTTONS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final ObjectMapper json;

    public TemplateRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public void upsertAll(List<Template> templates) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (Template t : templates) {
                ps.setString(1, t.name());
                ps.setString(2, t.language());
                ps.setString(3, t.id());
                ps.setString(4, t.category());
                ps.setString(5, t.status());
                ps.setString(6, t.quality());
                ps.setString(7, t.parameterFormat().name());
                ps.setString(8, t.headerFormat());
                ps.setString(9, t.headerText());
                ps.setString(10, t.bodyText());
                ps.setString(11, t.footerText());
                ps.setString(12, json.writeValueAsString(t.buttons()));
                ps.setTimestamp(13, Timestamp.from(t.updatedAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot store templates", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks every template the Cloud API no longer lists as DELETED; returns how many. */
    public int markDeletedUnlessSyncedAt(Instant syncedAt) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE message_template SET status = 'DELETED', updated_at = ? WHERE updated_at < ? AND status <> 'DELETED'")) {
            ps.setTimestamp(1, Timestamp.from(syncedAt));
            ps.setTimestamp(2, Timestamp.from(syncedAt));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot mark deleted templates", e);
        }
    }

    /** Sets status or quality (whichever is non-null) of one template; false when the registry does not know it. */
    public boolean update(String name, String language, String status, String quality, Instant at) {
        String sql = status != null
                ? "UPDATE message_template SET status = ?, updated_at = ? WHERE name = ? AND language = ?"
                : "UPDATE message_template SET quality = ?, updated_at = ? WHERE name = ? AND language = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, status != null ? status : quality);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, name);
            ps.setString(4, language);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot update template", e);
        }
    }

    /** Sets the category of one template (Meta recategorised it); false when the registry does not know it. */
    public boolean updateCategory(String name, String language, String category, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE message_template SET category = ?, updated_at = ? WHERE name = ? AND language = ?")) {
            ps.setString(1, category);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, name);
            ps.setString(4, language);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot update template category", e);
        }
    }

    public List<Template> findAll() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT template_id, name, language, category, status, quality, parameter_format, header_format, header_text,"
                        + " body_text, footer_text, buttons, updated_at FROM message_template ORDER BY name, language");
             ResultSet rs = ps.executeQuery()) {
            List<Template> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Template(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), Template.ParameterFormat.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), json.readValue(rs.getString(12), BUTTONS),
                        rs.getTimestamp(13).toInstant()));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read templates", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored template buttons are unreadable", e);
        }
    }
}
