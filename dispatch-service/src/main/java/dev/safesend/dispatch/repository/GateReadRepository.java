package dev.safesend.dispatch.repository;

import dev.safesend.dispatch.config.DispatchConfig;
import dev.safesend.dispatch.domain.ConsentSnapshot;
import dev.safesend.dispatch.domain.GateFacts;
import dev.safesend.dispatch.domain.InboundPosition;
import dev.safesend.dispatch.domain.OutboundSend;
import dev.safesend.dispatch.domain.gate.GateInput;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads everything the gate needs for a batch of one sender's messages in a handful of array queries on one
 * connection (ledger, consent, windows, per-recipient history, campaigns, budget), so the cost per message
 * falls as the batch grows with load.
 */
@ApplicationScoped
public class GateReadRepository {

    private final AgroalDataSource dataSource;
    private final Duration budgetWindow;

    public GateReadRepository(AgroalDataSource dataSource, DispatchConfig config) {
        this.dataSource = dataSource;
        this.budgetWindow = config.budget().window();
    }

    /**
     * @param pairInterval       how far back a send of this sender to the recipient counts (the pair limit)
     * @param marketingLookback  how far back marketing sends count ({@code MarketingHistoryRule.lookback()})
     */
    public GateFacts load(String senderId, String portfolioId, List<OutboundSend> batch, Instant now, Duration pairInterval,
                          Duration marketingLookback) {
        Set<String> ids = new HashSet<>();
        Set<String> phones = new HashSet<>();
        Set<String> campaigns = new HashSet<>();
        for (OutboundSend s : batch) {
            ids.add(s.messageId());
            phones.add(s.recipient());
            if (s.campaignId() != null) {
                campaigns.add(s.campaignId());
            }
        }
        try (Connection c = dataSource.getConnection()) {
            // a contact may be addressed by phone or by BSUID: every fact below is read for all of its addresses and
            // judged per contact, then handed to the gate per recipient as it was addressed
            Map<String, String> keyOf = contactKeys(c, phones);
            Set<String> addresses = keyOf.keySet();
            Map<String, String> ledger = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT message_id, state FROM send_ledger WHERE message_id = ANY(?)")) {
                s.setArray(1, Jdbc.texts(c, ids));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ledger.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            Map<String, ConsentSnapshot> consentByKey = consent(c, new HashSet<>(keyOf.values()));
            Map<String, ConsentSnapshot> consent = new HashMap<>();
            for (String phone : phones) {
                ConsentSnapshot held = consentByKey.get(keyOf.get(phone));
                if (held != null) {
                    consent.put(phone, held);
                }
            }
            Map<String, Instant> windows = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT phone, last_inbound_at FROM customer_window WHERE sender_id = ? AND phone = ANY(?)")) {
                s.setString(1, senderId);
                s.setArray(2, Jdbc.texts(c, addresses));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        windows.merge(keyOf.get(rs.getString(1)), rs.getTimestamp(2).toInstant(), (a, b) -> a.isAfter(b) ? a : b);
                    }
                }
            }
            History history = history(c, keyOf, now.minus(marketingLookback), senderId, now.minus(pairInterval));
            Map<String, String> campaignStates = new HashMap<>();
            if (!campaigns.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("SELECT campaign_id, state FROM campaign_state WHERE campaign_id = ANY(?)")) {
                    s.setArray(1, Jdbc.texts(c, campaigns));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            campaignStates.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
            }
            // the budget counts people: rows are recorded under the contact key (older rows under an address of it)
            Set<String> countedKeys = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT recipient FROM recipient_budget WHERE portfolio_id = ? AND recipient = ANY(?) AND opened_at > ?")) {
                s.setString(1, portfolioId);
                s.setArray(2, Jdbc.texts(c, addresses));
                s.setTimestamp(3, Timestamp.from(now.minus(budgetWindow)));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        countedKeys.add(keyOf.get(rs.getString(1)));
                    }
                }
            }
            Set<String> counted = new HashSet<>();
            phones.stream().filter(p -> countedKeys.contains(keyOf.get(p))).forEach(counted::add);
            Map<String, InboundPosition> latestInbound = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT phone, inbound_partition, inbound_offset FROM consent_in_flight WHERE phone = ANY(?)")) {
                s.setArray(1, Jdbc.texts(c, addresses));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        latestInbound.putIfAbsent(keyOf.get(rs.getString(1)), new InboundPosition(rs.getInt(2), rs.getLong(3)));
                    }
                }
            }
            return new GateFacts(ledger, consent, perRecipient(windows, keyOf, phones), perRecipient(history.lastSentBySender(), keyOf, phones),
                    perRecipient(history.marketing(), keyOf, phones), campaignStates, counted, perRecipient(latestInbound, keyOf, phones),
                    contactKeysOf(phones, keyOf), dormancy(c, batch, keyOf, now));
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the gate's facts: " + e.getMessage(), e);
        }
    }

    /**
     * Each recipient's marketing sends since {@code since} from any sender, to any address of its contact (phone and
     * BSUID of one person count together): what the gate's per-person marketing rules read, by the gate's own query,
     * for recipients that are not on a lane yet (a campaign's forecast). One connection, two queries for the whole set.
     * A recipient without such sends is absent.
     */
    public Map<String, List<GateInput.PastMarketingSend>> marketingHistory(Set<String> recipients, Instant since) {
        if (recipients.isEmpty()) {
            return Map.of();
        }
        try (Connection c = dataSource.getConnection()) {
            Map<String, String> keyOf = contactKeys(c, recipients);
            return perRecipient(history(c, keyOf, since, null, since).marketing(), keyOf, recipients);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the recipients' marketing history: " + e.getMessage(), e);
        }
    }

    /** send_ledger's recent sends by contact key: the last one of a sender (pair limit), marketing ones of any sender. */
    private record History(Map<String, Instant> lastSentBySender, Map<String, List<GateInput.PastMarketingSend>> marketing) {
    }

    /**
     * The sends of every address in {@code keyOf} that the per-recipient rules read, gathered per contact key: marketing
     * sends of any sender since {@code marketingSince}, and every send of {@code senderId} since {@code pairSince}
     * (none when {@code senderId} is null). Failed sends reached nobody and do not count.
     */
    private static History history(Connection c, Map<String, String> keyOf, Instant marketingSince, String senderId,
                                   Instant pairSince) throws SQLException {
        Map<String, Instant> lastSent = new HashMap<>();
        Map<String, List<GateInput.PastMarketingSend>> marketing = new HashMap<>();
        Instant since = pairSince.isBefore(marketingSince) ? pairSince : marketingSince;
        try (PreparedStatement s = c.prepareStatement("""
                SELECT recipient, sender_id, category, content_hash, claimed_at FROM send_ledger
                WHERE recipient = ANY(?) AND claimed_at > ? AND state <> 'FAILED'
                  AND ((category = 'MARKETING' AND claimed_at > ?) OR (sender_id = ? AND claimed_at > ?))""")) {
            s.setArray(1, Jdbc.texts(c, keyOf.keySet()));
            s.setTimestamp(2, Timestamp.from(since));
            s.setTimestamp(3, Timestamp.from(marketingSince));
            s.setString(4, senderId);
            s.setTimestamp(5, Timestamp.from(pairSince));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String key = keyOf.get(rs.getString(1));
                    Instant at = rs.getTimestamp(5).toInstant();
                    if (senderId != null && senderId.equals(rs.getString(2)) && at.isAfter(pairSince)) {
                        lastSent.merge(key, at, (a, b) -> a.isAfter(b) ? a : b);
                    }
                    if ("MARKETING".equals(rs.getString(3)) && at.isAfter(marketingSince)) {
                        marketing.computeIfAbsent(key, k -> new ArrayList<>()).add(new GateInput.PastMarketingSend(at, rs.getString(4)));
                    }
                }
            }
        }
        return new History(lastSent, marketing);
    }

    /**
     * {@code project/recipient} → until when the recipient's contact is DORMANT for the project's marketing, for the
     * batch's marketing messages only. A contact is dormant when any of its addresses is (the latest end wins).
     */
    private static Map<String, Instant> dormancy(Connection c, List<OutboundSend> batch, Map<String, String> keyOf, Instant now)
            throws SQLException {
        Map<String, Instant> out = new HashMap<>();
        List<OutboundSend> marketing = batch.stream().filter(s -> "MARKETING".equals(s.category())).toList();
        if (marketing.isEmpty()) {
            return out;
        }
        Set<String> projects = new HashSet<>();
        Set<String> keys = new HashSet<>();
        marketing.forEach(s -> {
            projects.add(s.project());
            keys.add(keyOf.getOrDefault(s.recipient(), s.recipient()));
        });
        List<String> addresses = keyOf.entrySet().stream().filter(e -> keys.contains(e.getValue())).map(Map.Entry::getKey).toList();
        Map<String, Instant> byProjectAndKey = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT project, contact, dormant_until FROM contact_engagement
                WHERE contact = ANY(?) AND project = ANY(?) AND state = 'DORMANT' AND dormant_until > ?""")) {
            s.setArray(1, Jdbc.texts(c, addresses));
            s.setArray(2, Jdbc.texts(c, projects));
            s.setTimestamp(3, Timestamp.from(now));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byProjectAndKey.merge(rs.getString(1) + "/" + keyOf.get(rs.getString(2)), rs.getTimestamp(3).toInstant(),
                            (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        for (OutboundSend m : marketing) {
            Instant until = byProjectAndKey.get(m.project() + "/" + keyOf.getOrDefault(m.recipient(), m.recipient()));
            if (until != null) {
                out.put(m.project() + "/" + m.recipient(), until);
            }
        }
        return out;
    }

    /**
     * Every address of the recipients' contacts → its contact key: a recipient linked to a contact (consent_alias) takes
     * its key, any other address is its own key; every other address of those keys comes along, so a send by phone
     * counts what went to the BSUID and the other way round.
     */
    private static Map<String, String> contactKeys(Connection c, Set<String> recipients) throws SQLException {
        Map<String, String> keyOf = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                WITH k AS (SELECT r.address, COALESCE(a.contact_key, r.address) AS contact_key
                           FROM unnest(?::text[]) AS r(address) LEFT JOIN consent_alias a ON a.address = r.address)
                SELECT address, contact_key FROM k
                UNION SELECT contact_key, contact_key FROM k
                UNION SELECT a.address, a.contact_key FROM consent_alias a WHERE a.contact_key IN (SELECT contact_key FROM k)""")) {
            s.setArray(1, Jdbc.texts(c, recipients));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keyOf.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return keyOf;
    }

    private static Map<String, String> contactKeysOf(Set<String> recipients, Map<String, String> keyOf) {
        Map<String, String> out = new HashMap<>();
        recipients.forEach(r -> out.put(r, keyOf.getOrDefault(r, r)));
        return out;
    }

    /** Facts gathered per contact key, handed out per recipient as addressed. */
    private static <V> Map<String, V> perRecipient(Map<String, V> byKey, Map<String, String> keyOf, Set<String> recipients) {
        Map<String, V> out = new HashMap<>();
        for (String r : recipients) {
            V v = byKey.get(keyOf.get(r));
            if (v != null) {
                out.put(r, v);
            }
        }
        return out;
    }

    private static Map<String, ConsentSnapshot> consent(Connection c, Set<String> phones) throws SQLException {
        Map<String, Long> versions = new HashMap<>();
        Map<String, Boolean> erased = new HashMap<>();
        Map<String, Map<String, ConsentSnapshot.ProjectConsent>> projects = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT p.phone, p.version, p.erased, c.project, c.marketing, c.utility, c.authentication
                FROM consent_phone p LEFT JOIN consent_projection c ON c.phone = p.phone WHERE p.phone = ANY(?)""")) {
            s.setArray(1, Jdbc.texts(c, phones));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String phone = rs.getString(1);
                    versions.put(phone, rs.getLong(2));
                    erased.put(phone, rs.getBoolean(3));
                    Map<String, ConsentSnapshot.ProjectConsent> byProject = projects.computeIfAbsent(phone, p -> new HashMap<>());
                    if (rs.getString(4) != null) {
                        byProject.put(rs.getString(4), new ConsentSnapshot.ProjectConsent(rs.getString(5), rs.getString(6), rs.getString(7)));
                    }
                }
            }
        }
        Map<String, ConsentSnapshot> out = new HashMap<>();
        versions.forEach((phone, v) -> out.put(phone, new ConsentSnapshot(phone, v, erased.get(phone), projects.get(phone))));
        return out;
    }
}
