package dev.safesend.consent.repository;

import dev.safesend.consent.domain.Identity;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.safesend.consent.repository.Sql.failure;

/**
 * consent.contact_address: which contact key every address (phone, BSUID, parent BSUID) belongs to. An address
 * without a row is its own key when a contact has that key, else unknown. Set-based (one statement per batch): the
 * inbound path resolves a burst of STOPs through it. Callers hold the transaction (JTA).
 */
@ApplicationScoped
public class IdentityRepository {

    private final AgroalDataSource dataSource;

    public IdentityRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The contact key of each address that has one (a linked address, or a contact's own key). */
    public Map<String, String> keysOf(Collection<String> addresses) {
        Map<String, String> out = new HashMap<>();
        if (addresses.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT a.address, COALESCE(l.contact_key, ct.phone) FROM unnest(?::text[]) AS a(address)
                LEFT JOIN contact_address l ON l.address = a.address
                LEFT JOIN contact ct ON ct.phone = a.address
                WHERE l.contact_key IS NOT NULL OR ct.phone IS NOT NULL""")) {
            Sql.bindArray(s, 1, Sql.array(addresses));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("resolve contact addresses", e);
        }
    }

    /** Links each address to its key, unless it is linked already; returns how many links were new. */
    public int link(List<String> addresses, List<String> kinds, List<String> keys) {
        if (addresses.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO contact_address (address, kind, contact_key)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[]) ON CONFLICT (address) DO NOTHING""")) {
            Sql.bindArray(s, 1, Sql.array(addresses));
            Sql.bindArray(s, 2, Sql.array(kinds));
            Sql.bindArray(s, 3, Sql.array(keys));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure("link contact addresses", e);
        }
    }

    /** Moves every address of {@code from} (and {@code from} itself) to {@code to}: the two contacts are one person. */
    public void merge(String from, String to) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement move = c.prepareStatement("UPDATE contact_address SET contact_key = ? WHERE contact_key = ?");
             PreparedStatement self = c.prepareStatement("""
                     INSERT INTO contact_address (address, kind, contact_key) VALUES (?, ?, ?)
                     ON CONFLICT (address) DO UPDATE SET contact_key = EXCLUDED.contact_key""")) {
            move.setString(1, to);
            move.setString(2, from);
            move.executeUpdate();
            self.setString(1, from);
            self.setString(2, from.startsWith("+") ? Identity.Address.Kind.PHONE.name() : Identity.Address.Kind.BSUID.name());
            self.setString(3, to);
            self.executeUpdate();
        } catch (SQLException e) {
            throw failure("merge contact addresses", e);
        }
    }

    /** Every address linked to each key, the key itself included. */
    public Map<String, List<String>> addressesOf(Collection<String> keys) {
        Map<String, List<String>> out = new HashMap<>();
        keys.forEach(k -> out.computeIfAbsent(k, x -> new ArrayList<>(List.of(x))));
        if (keys.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT contact_key, address FROM contact_address WHERE contact_key = ANY(?::text[]) ORDER BY address")) {
            Sql.bindArray(s, 1, Sql.array(keys));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<String> list = out.get(rs.getString(1));
                    if (!list.contains(rs.getString(2))) {
                        list.add(rs.getString(2));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read contact addresses", e);
        }
    }

    /** Records what Meta told about each person on their contact row (one statement); null keeps the stored value. */
    public void describe(List<String> keys, List<Identity> identities) {
        if (keys.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE contact c SET e164 = COALESCE(t.e164, c.e164), user_id = COALESCE(t.user_id, c.user_id),
                  parent_user_id = COALESCE(t.parent, c.parent_user_id), username = COALESCE(t.username, c.username)
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS t(phone, e164, user_id, parent, username)
                WHERE c.phone = t.phone""")) {
            Sql.bindArray(s, 1, Sql.array(keys));
            Sql.bindArray(s, 2, Sql.array(identities.stream().map(Identity::phone).toList()));
            Sql.bindArray(s, 3, Sql.array(identities.stream().map(Identity::bsuid).toList()));
            Sql.bindArray(s, 4, Sql.array(identities.stream().map(Identity::parentBsuid).toList()));
            Sql.bindArray(s, 5, Sql.array(identities.stream().map(Identity::username).toList()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("describe contacts", e);
        }
    }
}
