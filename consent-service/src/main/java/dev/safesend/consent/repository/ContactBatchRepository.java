package dev.safesend.consent.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.consent.domain.ImportedContact;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import static dev.safesend.consent.repository.Sql.failure;

/**
 * Set-based writes of an import chunk: one statement upserts thousands of contacts from arrays (unnest); an upsert cannot
 * use COPY without a staging table, and this is fast enough. Tags travel as one array literal per contact (read by
 * PostgreSQL's array input, not by a JSON function per row). Joins the caller's transaction.
 */
@ApplicationScoped
public class ContactBatchRepository {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public ContactBatchRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Inserts new contacts and merges into existing ones: non-empty fields win, tags are united, attributes overlaid.
     * {@code versions[i]} is the new version of contact i, or 0 to keep its version.
     */
    public void upsert(List<ImportedContact> contacts, String project, long[] versions) {
        if (contacts.isEmpty()) {
            return;
        }
        int n = contacts.size();
        String[] phones = new String[n];
        String[] waIds = new String[n];
        String[] names = new String[n];
        String[] languages = new String[n];
        String[] regions = new String[n];
        String[] tags = new String[n];
        String[] attributes = new String[n];
        Long[] vs = new Long[n];
        try {
            for (int i = 0; i < n; i++) {
                ImportedContact ic = contacts.get(i);
                phones[i] = ic.phone();
                waIds[i] = ic.waId();
                names[i] = ic.name();
                languages[i] = ic.language();
                regions[i] = ic.region();
                tags[i] = ic.tags().isEmpty() ? null : arrayLiteral(ic.tags());
                attributes[i] = ic.attributes().isEmpty() ? null : json.writeValueAsString(ic.attributes());
                vs[i] = versions[i];
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode a contact", e);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO contact AS t (phone, wa_id, name, language, region, project, tags, attributes, version)
                     SELECT p, w, nm, l, r, ?,
                            COALESCE(tg::text[], '{}'::text[]),
                            COALESCE(a::jsonb, '{}'::jsonb), v
                     FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])
                          AS u(p, w, nm, l, r, tg, a, v)
                     ON CONFLICT (phone) DO UPDATE SET
                       wa_id = COALESCE(EXCLUDED.wa_id, t.wa_id),
                       name = COALESCE(EXCLUDED.name, t.name),
                       language = COALESCE(EXCLUDED.language, t.language),
                       region = COALESCE(EXCLUDED.region, t.region),
                       tags = CASE WHEN t.tags @> EXCLUDED.tags THEN t.tags
                                   ELSE ARRAY(SELECT DISTINCT x FROM unnest(t.tags || EXCLUDED.tags) x) END,
                       attributes = t.attributes || EXCLUDED.attributes,
                       version = CASE WHEN EXCLUDED.version > 0 THEN EXCLUDED.version ELSE t.version END,
                       updated_at = now()""")) {
            s.setString(1, project);
            s.setArray(2, c.createArrayOf("text", phones));
            s.setArray(3, c.createArrayOf("text", waIds));
            s.setArray(4, c.createArrayOf("text", names));
            s.setArray(5, c.createArrayOf("text", languages));
            s.setArray(6, c.createArrayOf("text", regions));
            s.setArray(7, c.createArrayOf("text", tags));
            s.setArray(8, c.createArrayOf("text", attributes));
            s.setArray(9, c.createArrayOf("bigint", vs));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("import contacts", e);
        }
    }

    /** {@code {"a","b"}}: every element quoted, {@code "} and {@code \} escaped, so any text survives. */
    static String arrayLiteral(List<String> values) {
        StringBuilder out = new StringBuilder(values.size() * 12).append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"');
            String v = values.get(i);
            for (int k = 0; k < v.length(); k++) {
                char ch = v.charAt(k);
                if (ch == '"' || ch == '\\') {
                    out.append('\\');
                }
                out.append(ch);
            }
            out.append('"');
        }
        return out.append('}').toString();
    }
}
