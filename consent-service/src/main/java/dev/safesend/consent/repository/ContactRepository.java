package dev.safesend.consent.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.consent.domain.Contact;
import dev.safesend.consent.domain.ContactDetails;
import dev.safesend.consent.domain.Identity;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.safesend.consent.repository.Sql.failure;
import static dev.safesend.consent.repository.Sql.instant;
import static dev.safesend.consent.repository.Sql.ts;

/** consent.contact. Callers hold the transaction (JTA): every method joins it. */
@ApplicationScoped
public class ContactRepository {

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() { };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public ContactRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public Optional<Contact> find(String phone) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM contact WHERE phone = ?")) {
            s.setString(1, phone);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(contact(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read a contact", e);
        }
    }

    /** Creates a bare contact if the phone has none; true when it was created. */
    public boolean ensure(String phone, String region, String project) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO contact (phone, region, project) VALUES (?, ?, ?) ON CONFLICT (phone) DO NOTHING")) {
            s.setString(1, phone);
            s.setString(2, region);
            s.setString(3, project);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("create a contact", e);
        }
    }

    /** Creates or updates a contact's details; null fields keep their value. */
    public void save(String phone, String region, String defaultProject, ContactDetails d) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO contact AS t (phone, region, project, wa_id, name, language, tags, attributes)
                     VALUES (?, ?, ?, ?, ?, ?, COALESCE(?, '{}'::text[]), COALESCE(?::jsonb, '{}'::jsonb))
                     ON CONFLICT (phone) DO UPDATE SET
                       wa_id = COALESCE(EXCLUDED.wa_id, t.wa_id),
                       name = COALESCE(?, t.name),
                       language = COALESCE(?, t.language),
                       project = COALESCE(?, t.project),
                       tags = COALESCE(?, t.tags),
                       attributes = COALESCE(?::jsonb, t.attributes),
                       updated_at = now()""")) {
            java.sql.Array tags = d.tags() == null ? null : c.createArrayOf("text", d.tags().toArray());
            String attributes = d.attributes() == null ? null : json.writeValueAsString(d.attributes());
            s.setString(1, phone);
            s.setString(2, region);
            s.setString(3, d.project() != null ? d.project() : defaultProject);
            s.setString(4, d.waId());
            s.setString(5, d.name());
            s.setString(6, d.language());
            s.setArray(7, tags);
            s.setString(8, attributes);
            s.setString(9, d.name());
            s.setString(10, d.language());
            s.setString(11, d.project());
            s.setArray(12, tags);
            s.setString(13, attributes);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("save a contact", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attributes cannot be stored", e);
        }
    }

    /**
     * Locks the contacts' rows until the transaction ends (in phone order, so two writers never deadlock).
     *
     * @return those of {@code phones} that have a contact (now locked: they keep it until the transaction ends)
     */
    public java.util.Set<String> lock(java.util.Collection<String> phones) {
        java.util.Set<String> locked = new java.util.HashSet<>();
        if (phones.isEmpty()) {
            return locked;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT phone FROM contact WHERE phone = ANY(?::text[]) ORDER BY phone FOR UPDATE")) {
            Sql.bindArray(s, 1, Sql.array(phones));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    locked.add(rs.getString(1));
                }
            }
            return locked;
        } catch (SQLException e) {
            throw failure("lock contacts", e);
        }
    }

    /** Draws the next version for the contact (locking its row until the transaction ends). */
    public long nextVersion(String phone) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "UPDATE contact SET version = nextval('consent_version'), updated_at = now() WHERE phone = ? RETURNING version")) {
            s.setString(1, phone);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no contact to version");
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("version a contact", e);
        }
    }

    /** A version for a phone that has no contact row (an erase): still from the same sequence. */
    public long nextVersion() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT nextval('consent_version')");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("draw a version", e);
        }
    }

    /** {@code count} fresh versions, in order. */
    public long[] nextVersions(int count) {
        long[] versions = new long[count];
        if (count == 0) {
            return versions;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT nextval('consent_version') FROM generate_series(1, ?)")) {
            s.setInt(1, count);
            try (ResultSet rs = s.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    versions[i] = rs.getLong(1);
                }
            }
            Arrays.sort(versions);
            return versions;
        } catch (SQLException e) {
            throw failure("draw versions", e);
        }
    }

    /** Records that the person wrote to us (and Meta's profile data if we had none). */
    public void touchInbound(String phone, Instant at, String waId, String profileName) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     UPDATE contact SET last_inbound_at = GREATEST(last_inbound_at, ?), wa_id = COALESCE(wa_id, ?),
                       name = COALESCE(name, ?) WHERE phone = ?""")) {
            s.setTimestamp(1, ts(at));
            s.setString(2, waId);
            s.setString(3, profileName);
            s.setString(4, phone);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("record an inbound time", e);
        }
    }

    /** {@link #touchInbound} for many messages in one statement (each phone once, with its latest message). */
    public void touchInboundMany(List<String> phones, List<Instant> at, List<String> waIds, List<String> profileNames) {
        if (phones.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     UPDATE contact c SET last_inbound_at = GREATEST(c.last_inbound_at, t.at), wa_id = COALESCE(c.wa_id, t.wa_id),
                       name = COALESCE(c.name, t.name)
                     FROM unnest(?::text[], ?::timestamptz[], ?::text[], ?::text[]) AS t(phone, at, wa_id, name)
                     WHERE c.phone = t.phone""")) {
            Sql.bindArray(s, 1, Sql.array(phones));
            Sql.bindArray(s, 2, Sql.array(at));
            Sql.bindArray(s, 3, Sql.array(waIds));
            Sql.bindArray(s, 4, Sql.array(profileNames));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("record inbound times", e);
        }
    }

    /** Sets each contact's version (drawn by {@link #nextVersions}), as {@link #nextVersion(String)} does for one. */
    public void setVersions(List<String> phones, List<Long> versions) {
        if (phones.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     UPDATE contact c SET version = v.version, updated_at = now()
                     FROM unnest(?::text[], ?::bigint[]) AS v(phone, version) WHERE c.phone = v.phone""")) {
            Sql.bindArray(s, 1, Sql.array(phones));
            Sql.bindArray(s, 2, Sql.array(versions));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("version contacts", e);
        }
    }

    /** The preferred language of each of the phones that has a contact and a language. */
    public Map<String, String> languages(java.util.Collection<String> phones) {
        Map<String, String> out = new java.util.HashMap<>();
        if (phones.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT phone, language FROM contact WHERE phone = ANY(?::text[]) AND language IS NOT NULL")) {
            Sql.bindArray(s, 1, Sql.array(phones));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read languages", e);
        }
    }

    /** Records that a message reached Meta for the person (the "last contacted" of segments). */
    public void touchContacted(String phone, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     """
                     UPDATE contact SET last_contacted_at = GREATEST(last_contacted_at, ?)
                     WHERE phone = COALESCE((SELECT contact_key FROM contact_address WHERE address = ?), ?)""")) {
            s.setTimestamp(1, ts(at));
            s.setString(2, phone);
            s.setString(3, phone);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("record a contact time", e);
        }
    }

    /** Deletes the contact, its current consent and its history. */
    public void delete(String phone) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement history = c.prepareStatement("DELETE FROM consent_event WHERE phone = ?");
             PreparedStatement current = c.prepareStatement("DELETE FROM consent_current WHERE phone = ?");
             PreparedStatement contact = c.prepareStatement("DELETE FROM contact WHERE phone = ?")) {
            history.setString(1, phone);
            history.executeUpdate();
            current.setString(1, phone);
            current.executeUpdate();
            contact.setString(1, phone);
            contact.executeUpdate();
        } catch (SQLException e) {
            throw failure("erase a contact", e);
        }
    }

    /** Those of {@code phones} that have a contact. */
    public java.util.Set<String> existing(java.util.Collection<String> phones) {
        java.util.Set<String> found = new java.util.HashSet<>();
        if (phones.isEmpty()) {
            return found;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT phone FROM contact WHERE phone = ANY(?::text[])")) {
            Sql.bindArray(s, 1, Sql.array(phones));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        } catch (SQLException e) {
            throw failure("look up contacts", e);
        }
    }

    Contact contact(ResultSet rs) throws SQLException {
        String[] tags = (String[]) rs.getArray("tags").getArray();
        Map<String, String> attributes;
        try {
            attributes = json.readValue(rs.getString("attributes"), ATTRIBUTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable attributes", e);
        }
        return new Contact(rs.getString("phone"), rs.getString("wa_id"), rs.getString("name"), rs.getString("language"),
                rs.getString("region"), rs.getString("project"), List.of(tags), attributes, instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("last_inbound_at")),
                instant(rs.getTimestamp("last_contacted_at")), rs.getLong("version"), new Identity.Known(rs.getString("e164"),
                rs.getString("user_id"), rs.getString("parent_user_id"), rs.getString("username")));
    }
}
