package dev.safesend.dispatch.it;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * dispatch's consent projection, read and (for large audiences) written directly. A test that is about the
 * consent topic publishes {@code ConsentChanged}; one that needs a thousand opted-in recipients as a
 * precondition writes them here in one batch, as {@code GateFixtures.consent} does for one.
 */
final class ConsentProjection {

    private ConsentProjection() {
    }

    static void optIn(DataSource ds, String project, Collection<String> phones) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("""
                    INSERT INTO consent_phone (phone, version, erased) VALUES (?, 1, false)
                    ON CONFLICT (phone) DO UPDATE SET version = consent_phone.version + 1""");
                 PreparedStatement s = c.prepareStatement("""
                    INSERT INTO consent_projection (phone, project, marketing, utility, authentication)
                    VALUES (?, ?, 'OPTED_IN', 'OPTED_IN', 'OPTED_IN')
                    ON CONFLICT (phone, project) DO UPDATE SET marketing = 'OPTED_IN', utility = 'OPTED_IN', authentication = 'OPTED_IN'""")) {
                for (String phone : phones) {
                    p.setString(1, phone);
                    p.addBatch();
                    s.setString(1, phone);
                    s.setString(2, project);
                    s.addBatch();
                }
                p.executeBatch();
                s.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The consent version dispatch holds for a phone (0 when it holds none). */
    static long version(DataSource ds, String phone) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT version FROM consent_phone WHERE phone = ?")) {
            s.setString(1, phone);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many of the phones have any consent state in dispatch's projection. */
    static long known(DataSource ds, Collection<String> phones) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM consent_phone WHERE phone = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", phones.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The contact key dispatch links an address to (null when the address is its own key or unknown). */
    static String contactKeyOf(DataSource ds, String address) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT contact_key FROM consent_alias WHERE address = ?")) {
            s.setString(1, address);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
