package dev.safesend.analytics.repository;

import dev.safesend.analytics.domain.CampaignAttribution;
import dev.safesend.analytics.domain.Conversion;
import dev.safesend.analytics.domain.ConversionJourney;
import dev.safesend.analytics.domain.Touch;
import dev.safesend.analytics.domain.Uplift;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.safesend.analytics.repository.TouchpointRepository.TOUCH_JOINS;
import static dev.safesend.analytics.repository.SqlArrays.text;

/** Reads of attribution: a campaign's figures, touched contacts for segments (streamed), a contact's conversions and journeys. */
@ApplicationScoped
public class AttributionReportRepository {

    /** One touched contact of a project: its key, whether it converted (an attributed conversion) and the value. */
    public record TouchedContact(String contact, boolean converted, BigDecimal value) {
    }

    /** Receives touched contacts one at a time while the query streams. */
    @FunctionalInterface
    public interface ContactSink {
        void accept(TouchedContact contact) throws java.io.IOException;
    }

    private final AgroalDataSource dataSource;

    public AttributionReportRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The campaign's project, when attribution knows the campaign (its audience or one of its messages). */
    public Optional<String> campaignProject(String campaignId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT project FROM campaign_audience WHERE campaign_id = ?
                     UNION ALL
                     (SELECT project FROM attribution_message WHERE campaign_id = ? AND project IS NOT NULL LIMIT 1)
                     LIMIT 1""")) {
            s.setString(1, campaignId);
            s.setString(2, campaignId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read campaign " + campaignId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The campaign's figures. The treatment and holdout groups convert when the contact (any of its addresses) has a
     * conversion of the campaign's project in [start, start + conversionWindow], attributed or not: the same rule for both.
     */
    public CampaignAttribution campaign(String campaignId, String project, Duration conversionWindow) {
        try (Connection c = dataSource.getConnection()) {
            long delivered;
            try (PreparedStatement s = c.prepareStatement("SELECT count(DISTINCT COALESCE(l1.contact_key, l2.contact_key, m.recipient)) "
                    + "FROM attribution_message m " + TOUCH_JOINS + " WHERE m.campaign_id = ? AND m.delivered_at IS NOT NULL")) {
                s.setString(1, campaignId);
                delivered = single(s).getLong(1);
            }
            long replied;
            Double p50;
            Double p90;
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT count(*),
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds),
                           percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds)
                    FROM (SELECT DISTINCT ON (contact) contact,
                                 GREATEST(0, extract(epoch FROM received_at - delivered_at)) AS seconds
                          FROM attribution_reply WHERE campaign_id = ? ORDER BY contact, received_at) first_replies""")) {
                s.setString(1, campaignId);
                ResultSet r = single(s);
                replied = r.getLong(1);
                p50 = (Double) r.getObject(2);
                p90 = (Double) r.getObject(3);
            }
            long optOuts;
            try (PreparedStatement s = c.prepareStatement("SELECT count(DISTINCT contact) FROM attribution_opt_out WHERE campaign_id = ?")) {
                s.setString(1, campaignId);
                optOuts = single(s).getLong(1);
            }
            long conversions;
            BigDecimal value;
            try (PreparedStatement s = c.prepareStatement("SELECT count(*), COALESCE(sum(value), 0) FROM conversion WHERE campaign_id = ?")) {
                s.setString(1, campaignId);
                ResultSet r = single(s);
                conversions = r.getLong(1);
                value = r.getBigDecimal(2);
            }
            Uplift.Group treated = new Uplift.Group(0, 0);
            Uplift.Group holdout = new Uplift.Group(0, 0);
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT a.holdout, count(*),
                           count(*) FILTER (WHERE EXISTS (
                               SELECT 1 FROM conversion v
                               WHERE v.project = ca.project
                                 AND (v.address = a.address OR v.contact = COALESCE(l.contact_key, a.address))
                                 AND v.converted_at >= ca.started_at
                                 AND v.converted_at <= ca.started_at + make_interval(secs => ?)))
                    FROM campaign_assignment a
                    JOIN campaign_audience ca ON ca.campaign_id = a.campaign_id
                    LEFT JOIN contact_link l ON l.address = a.address
                    WHERE a.campaign_id = ?
                    GROUP BY a.holdout""")) {
                s.setDouble(1, conversionWindow.toSeconds());
                s.setString(2, campaignId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Uplift.Group g = new Uplift.Group(r.getLong(2), r.getLong(3));
                        if (r.getBoolean(1)) {
                            holdout = g;
                        } else {
                            treated = g;
                        }
                    }
                }
            }
            return new CampaignAttribution(campaignId, project, delivered, replied, p50, p90, optOuts, conversions, value, treated, holdout);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the attribution of campaign " + campaignId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams every contact touched by a campaign message (of the projects, null: all; of one campaign, null: any) with
     * whether it has a conversion attributed to a campaign touch (to that campaign when one is named). A cursor, not a list.
     */
    public void touchedContacts(List<String> projects, String campaignId, ContactSink sink) throws java.io.IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT t.contact, bool_or(v.conversion_id IS NOT NULL), sum(v.value)
                    FROM (SELECT DISTINCT m.project, COALESCE(l1.contact_key, l2.contact_key, m.recipient) AS contact
                          FROM attribution_message m
                          LEFT JOIN contact_link l1 ON l1.address = m.recipient
                          LEFT JOIN contact_link l2 ON l2.address = m.recipient_user_id
                          WHERE m.campaign_id IS NOT NULL AND m.delivered_at IS NOT NULL
                            AND (?::varchar[] IS NULL OR m.project = ANY(?::varchar[]))
                            AND (?::varchar IS NULL OR m.campaign_id = ?)) t
                    LEFT JOIN conversion v ON v.project = t.project AND v.contact = t.contact AND v.campaign_id IS NOT NULL
                                          AND (?::varchar IS NULL OR v.campaign_id = ?)
                    GROUP BY t.project, t.contact""")) {
                s.setFetchSize(1_000);
                java.sql.Array p = projects == null ? null : text(c, projects);
                s.setArray(1, p);
                s.setArray(2, p);
                for (int i = 3; i <= 6; i++) {
                    s.setString(i, campaignId);
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        sink.accept(new TouchedContact(r.getString(1), r.getBoolean(2), r.getBigDecimal(3)));
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read touched contacts: " + e.getMessage(), e);
        }
    }

    /** The conversions of any of these addresses or contact keys (of the projects, null: all), newest first, with their journeys. */
    public List<ConversionJourney> journeys(Collection<String> addresses, List<String> projects, int limit) {
        try (Connection c = dataSource.getConnection()) {
            Map<String, ConversionJourney> out = new LinkedHashMap<>();
            java.sql.Array a = text(c, List.copyOf(addresses));
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT v.*, m.recipient AS touch_recipient, m.wamid AS touch_wamid, m.sender_id AS touch_sender
                    FROM conversion v LEFT JOIN attribution_message m ON m.message_id = v.message_id
                    WHERE (v.contact = ANY(?) OR v.address = ANY(?)) AND (?::varchar[] IS NULL OR v.project = ANY(?::varchar[]))
                    ORDER BY v.converted_at DESC, v.conversion_id LIMIT ?""")) {
                java.sql.Array p = projects == null ? null : text(c, projects);
                s.setArray(1, a);
                s.setArray(2, a);
                s.setArray(3, p);
                s.setArray(4, p);
                s.setInt(5, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Conversion conversion = new Conversion(r.getString("conversion_id"), r.getString("project"), r.getString("address"),
                                r.getString("kind"), r.getBigDecimal("value"), r.getString("currency"), r.getString("reference"),
                                r.getString("source"), r.getTimestamp("converted_at").toInstant());
                        Timestamp touched = r.getTimestamp("touched_at");
                        Touch last = r.getString("campaign_id") == null ? null : new Touch(r.getString("message_id"), r.getString("campaign_id"),
                                conversion.project(), r.getString("contact"), r.getString("touch_recipient"), r.getString("touch_wamid"),
                                r.getString("touch_sender"), touched == null ? null : touched.toInstant());
                        out.put(conversion.id(), new ConversionJourney(conversion, last, new ArrayList<>()));
                    }
                }
            }
            if (!out.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT t.*, v.project, v.contact FROM conversion_touch t JOIN conversion v ON v.conversion_id = t.conversion_id
                        WHERE t.conversion_id = ANY(?) ORDER BY t.conversion_id, t.position""")) {
                    s.setArray(1, text(c, List.copyOf(out.keySet())));
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            out.get(r.getString("conversion_id")).journey().add(new Touch(r.getString("message_id"), r.getString("campaign_id"),
                                    r.getString("project"), r.getString("contact"), r.getString("recipient"), r.getString("wamid"),
                                    r.getString("sender_id"), r.getTimestamp("delivered_at").toInstant()));
                        }
                    }
                }
            }
            return List.copyOf(out.values());
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read journeys: " + e.getMessage(), e);
        }
    }

    private static ResultSet single(PreparedStatement s) throws SQLException {
        ResultSet r = s.executeQuery();
        r.next();
        return r;
    }
}
