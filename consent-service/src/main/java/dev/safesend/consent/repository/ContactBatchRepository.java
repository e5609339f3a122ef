package dev.safesend.consent.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.consent.domain.ImportedContact;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
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
     * A chunk's contacts as the upsert's array parameters. Needs no database, so an import builds it while the previous
     * chunk is still being written.
     */
    public record Columns(int size, String phones, String waIds, String names, String languages, String regions,
                          String tags, String attributes) {
    }

    public Columns columns(List<ImportedContact> contacts) {
        List<String> phones = new ArrayList<>(contacts.size());
        List<String> waIds = new ArrayList<>(contacts.size());
        List<String> names = new ArrayList<>(contacts.size());
        List<String> languages = new ArrayList<>(contacts.size());
        List<String> regions = new ArrayList<>(contacts.size());
        List<String> tags = new ArrayList<>(contacts.size());
        List<String> attributes = new ArrayList<>(contacts.size());
        try {
            for (ImportedContact ic : contacts) {
                phones.add(ic.phone());
                waIds.add(ic.waId());
                names.add(ic.name());
                languages.add(ic.language());
                regions.add(ic.region());
                tags.add(ic.tags().isEmpty() ? null : arrayLiteral(ic.tags()));
                attributes.add(ic.attributes().isEmpty() ? null : json.writeValueAsString(ic.attributes()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode a contact", e);
        }
        return new Columns(contacts.size(), Sql.array(phones), Sql.array(waIds), Sql.array(names), Sql.array(languages),
                Sql.array(regions), Sql.array(tags), Sql.array(attributes));
    }

    /**
     * Inserts new contacts and merges into existing ones: non-empty fields win, tags are united, attributes overlaid.
     * {@code versions[i]} is the new version of contact i, or 0 to keep its version.
     */
    public void upsert(Columns contacts, String project, long[] versions) {
        if (contacts.size() == 0) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO contact AS t (phone, wa_id, name, language, region, project, tags, attributes, version)
                     SELECT p, w, nm, l, r, ?, COALESCE(tg::text[], '{}'::text[]), COALESCE(a::jsonb, '{}'::jsonb), v
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
            Sql.bindArray(s, 2, contacts.phones());
            Sql.bindArray(s, 3, contacts.waIds());
            Sql.bindArray(s, 4, contacts.names());
            Sql.bindArray(s, 5, contacts.languages());
            Sql.bindArray(s, 6, contacts.regions());
            Sql.bindArray(s, 7, contacts.tags());
            Sql.bindArray(s, 8, contacts.attributes());
            Sql.bindArray(s, 9, Sql.array(Arrays.stream(versions).boxed().toList()));
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
