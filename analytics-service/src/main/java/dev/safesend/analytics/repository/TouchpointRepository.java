package dev.safesend.analytics.repository;

import dev.safesend.analytics.domain.ContactLink;
import dev.safesend.analytics.domain.MessageFact;
import dev.safesend.analytics.domain.Touch;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.safesend.analytics.repository.SqlArrays.text;
import static dev.safesend.analytics.repository.SqlArrays.times;

/**
 * analytics.attribution_message (campaign messages assembled from their events; touchpoints are those with a delivery)
 * and analytics.contact_link (address → contact key). Set-based JDBC: every message event of the platform passes through
 * here, so a consumer batch is one statement per table (unnest of arrays), not one per event.
 */
@ApplicationScoped
public class TouchpointRepository {

    /** A touch's contact: the key its recipient or its BSUID is linked to, else the recipient itself. */
    static final String TOUCH_COLUMNS = """
            m.message_id, m.campaign_id, m.project, m.recipient, m.wamid, m.sender_id, m.delivered_at,
            COALESCE(l1.contact_key, l2.contact_key, m.recipient) AS contact""";
    static final String TOUCH_JOINS = """
            LEFT JOIN contact_link l1 ON l1.address = m.recipient
            LEFT JOIN contact_link l2 ON l2.address = m.recipient_user_id""";

    private final AgroalDataSource dataSource;

    public TouchpointRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Merges the facts (one per message) into the store: known values stay, the earliest delivery wins. */
    public void upsert(Collection<MessageFact> facts) {
        if (facts.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO attribution_message AS m (message_id, campaign_id, project, recipient, recipient_user_id, sender_id, wamid, delivered_at)
                     SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[])
                     ON CONFLICT (message_id) DO UPDATE SET
                       campaign_id       = COALESCE(m.campaign_id, EXCLUDED.campaign_id),
                       project           = COALESCE(m.project, EXCLUDED.project),
                       recipient         = COALESCE(m.recipient, EXCLUDED.recipient),
                       recipient_user_id = COALESCE(m.recipient_user_id, EXCLUDED.recipient_user_id),
                       sender_id         = COALESCE(m.sender_id, EXCLUDED.sender_id),
                       wamid             = COALESCE(m.wamid, EXCLUDED.wamid),
                       delivered_at      = LEAST(m.delivered_at, EXCLUDED.delivered_at)""")) {
            List<MessageFact> rows = List.copyOf(facts);
            s.setArray(1, text(c, rows.stream().map(MessageFact::messageId).toList()));
            s.setArray(2, text(c, rows.stream().map(MessageFact::campaignId).toList()));
            s.setArray(3, text(c, rows.stream().map(MessageFact::project).toList()));
            s.setArray(4, text(c, rows.stream().map(MessageFact::recipient).toList()));
            s.setArray(5, text(c, rows.stream().map(MessageFact::recipientUserId).toList()));
            s.setArray(6, text(c, rows.stream().map(MessageFact::senderId).toList()));
            s.setArray(7, text(c, rows.stream().map(MessageFact::wamid).toList()));
            s.setArray(8, times(c, rows.stream().map(MessageFact::deliveredAt).toList()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot record campaign messages: " + e.getMessage(), e);
        }
    }

    /**
     * Records links (one per address; the last of a batch wins). consent-service's links replace what was known; a
     * link inferred from a phone/BSUID pair never overrides one already known.
     */
    public void link(Collection<ContactLink> links, boolean fromConsent) {
        if (links.isEmpty()) {
            return;
        }
        Map<String, String> once = new LinkedHashMap<>();
        links.forEach(l -> once.put(l.address(), l.contactKey()));
        String onConflict = fromConsent
                ? "ON CONFLICT (address) DO UPDATE SET contact_key = EXCLUDED.contact_key, from_consent = true"
                : "ON CONFLICT (address) DO NOTHING";
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO contact_link (address, contact_key, from_consent) "
                     + "SELECT a, k, ? FROM unnest(?::varchar[], ?::varchar[]) AS t (a, k) " + onConflict)) {
            s.setBoolean(1, fromConsent);
            s.setArray(2, text(c, List.copyOf(once.keySet())));
            s.setArray(3, text(c, List.copyOf(once.values())));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot record contact links: " + e.getMessage(), e);
        }
    }

    /** The contact key of every address (an address without a link is its own key). */
    public Map<String, String> keys(Collection<String> addresses) {
        Map<String, String> keys = new HashMap<>();
        addresses.forEach(a -> keys.put(a, a));
        if (addresses.isEmpty()) {
            return keys;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT address, contact_key FROM contact_link WHERE address = ANY(?)")) {
            s.setArray(1, text(c, List.copyOf(addresses)));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    keys.put(r.getString(1), r.getString(2));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read contact links: " + e.getMessage(), e);
        }
    }

    /** Every address of the contacts (their keys and every address linked to them). */
    public List<String> addressesOf(Collection<String> contactKeys) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT k FROM unnest(?::varchar[]) AS t (k) UNION SELECT address FROM contact_link WHERE contact_key = ANY(?)""")) {
            Array keys = text(c, List.copyOf(contactKeys));
            s.setArray(1, keys);
            s.setArray(2, keys);
            List<String> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read contact addresses: " + e.getMessage(), e);
        }
    }

    /**
     * The touchpoints of these contacts delivered in [from, to], of {@code project} only when it is not null, grouped by
     * contact key. One query for a whole consumer batch.
     */
    public Map<String, List<Touch>> touchesOf(Collection<String> contactKeys, String project, Instant from, Instant to) {
        Map<String, List<Touch>> byContact = new HashMap<>();
        if (contactKeys.isEmpty()) {
            return byContact;
        }
        List<String> addresses = addressesOf(contactKeys);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + TOUCH_COLUMNS + " FROM attribution_message m " + TOUCH_JOINS + """

                     WHERE m.campaign_id IS NOT NULL AND m.delivered_at BETWEEN ? AND ?
                       AND (m.recipient = ANY(?) OR m.recipient_user_id = ANY(?))
                       AND (?::varchar IS NULL OR m.project = ?)""")) {
            Array a = text(c, addresses);
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            s.setArray(3, a);
            s.setArray(4, a);
            s.setString(5, project);
            s.setString(6, project);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Touch t = touch(r);
                    byContact.computeIfAbsent(t.contact(), k -> new ArrayList<>()).add(t);
                }
            }
            return byContact;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read touchpoints: " + e.getMessage(), e);
        }
    }

    /** The campaign messages with these wamids (delivered or not yet known to be), by wamid. */
    public Map<String, Touch> byWamid(Collection<String> wamids) {
        Map<String, Touch> out = new HashMap<>();
        if (wamids.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + TOUCH_COLUMNS + " FROM attribution_message m " + TOUCH_JOINS
                     + " WHERE m.wamid = ANY(?) AND m.campaign_id IS NOT NULL")) {
            s.setArray(1, text(c, List.copyOf(wamids)));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Touch t = touch(r);
                    out.put(t.wamid(), t);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read messages by wamid: " + e.getMessage(), e);
        }
    }

    static Touch touch(ResultSet r) throws SQLException {
        Timestamp delivered = r.getTimestamp("delivered_at");
        return new Touch(r.getString("message_id"), r.getString("campaign_id"), r.getString("project"), r.getString("contact"),
                r.getString("recipient"), r.getString("wamid"), r.getString("sender_id"), delivered == null ? null : delivered.toInstant());
    }
}
