package dev.safesend.dispatch.repository;

import dev.safesend.dispatch.domain.gate.DispatchGate;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The durable deferral store (dispatch.deferred_message): messages that may not go yet, indexed by due time.
 * Deferring a message that already failed an attempt also releases its ledger row, in the same transaction,
 * so the retry can claim it again. Messages held because their campaign is paused are released at once when the
 * campaign is no longer paused ({@link #releaseCampaignHold}), and those held by their sender's health decision or
 * registry pause when a newer decision or a resume lifts the hold ({@link #releaseHealthHolds},
 * {@link #releaseSenderHold}), instead of waiting for their next re-check.
 */
@ApplicationScoped
public class DeferralRepository {

    private final AgroalDataSource dataSource;

    public DeferralRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Makes the held messages of the given campaigns due at {@code now}, in one statement, unless the projection still
     * says the campaign is paused. Rows already due are left alone, so running it again changes nothing.
     */
    private static final String RELEASE_CAMPAIGN_HOLD = """
            UPDATE deferred_message d SET due_at = ?
            WHERE d.campaign_id = ANY(?) AND d.reason = ? AND d.due_at > ?
              AND NOT EXISTS (SELECT 1 FROM campaign_state s WHERE s.campaign_id = d.campaign_id AND s.state = 'PAUSED')""";

    /** Holds a newer health decision or a resume may lift before their re-check (one sender's, made due at once). */
    private static final List<String> SENDER_HOLDS = List.of(DispatchGate.SENDER_HEALTH_PAUSED, DispatchGate.TEMPLATE_HELD);

    /**
     * One deferred message; {@code payload} is the lane record's value as it was on Kafka (with everything the message
     * carries, its campaign priority included); {@code campaignId} is null outside a campaign; {@code templateName} and
     * {@code templateLanguage} are null for free-form text.
     */
    public record Deferred(String messageId, String senderId, String lane, String recipient, String category, String campaignId,
                           String templateName, String templateLanguage, Instant dueAt, String reason, int attempts, byte[] payload) {
    }

    /** A message held for its template, as the release needs it. */
    public record TemplateHold(String messageId, String templateName, String templateLanguage) {
    }

    public void defer(List<Deferred> rows, List<String> releaseLedger) {
        defer(rows, releaseLedger, null);
    }

    /**
     * Stores the rows (and releases the ledger rows of retried messages) in one transaction.
     *
     * @param healthDecidedAt the changedAt of the health decision the gate held SENDER_HEALTH_PAUSED / TEMPLATE_HELD rows
     *                        by (null: none): a newer decision stored meanwhile, whose release has already run, makes them
     *                        due at once, so none waits a re-check for a hold that may be over
     */
    public void defer(List<Deferred> rows, List<String> releaseLedger, Instant healthDecidedAt) {
        if (rows.isEmpty() && releaseLedger.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!releaseLedger.isEmpty()) {
                    try (PreparedStatement s = c.prepareStatement("DELETE FROM send_ledger WHERE message_id = ANY(?) AND state IN ('INFLIGHT', 'FAILED')")) {
                        s.setArray(1, Jdbc.texts(c, releaseLedger));
                        s.executeUpdate();
                    }
                }
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO deferred_message (message_id, sender_id, lane, recipient, category, campaign_id, template_name,
                          template_language, due_at, reason, attempts, payload)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (message_id) DO UPDATE SET due_at = EXCLUDED.due_at, reason = EXCLUDED.reason,
                          attempts = EXCLUDED.attempts, payload = EXCLUDED.payload, lane = EXCLUDED.lane,
                          campaign_id = EXCLUDED.campaign_id, template_name = EXCLUDED.template_name,
                          template_language = EXCLUDED.template_language, deferred_at = now()""")) {
                    for (Deferred d : rows) {
                        Jdbc.bind(s, d.messageId(), d.senderId(), d.lane(), d.recipient(), d.category(), d.campaignId(),
                                d.templateName(), d.templateLanguage(), d.dueAt(), d.reason(), d.attempts(), d.payload());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                releaseIfResumedMeanwhile(c, rows);
                releaseIfSenderChangedMeanwhile(c, rows, healthDecidedAt);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot store deferred messages: " + e.getMessage(), e);
        }
    }

    /**
     * A campaign may have been resumed or cancelled between the gate reading it as paused and these rows being written,
     * after the release for that event already ran: such rows are made due at once too, so none waits a re-check for a
     * pause that is over. Only the rows just written are touched.
     */
    private static void releaseIfResumedMeanwhile(Connection c, List<Deferred> rows) throws SQLException {
        List<String> campaigns = new ArrayList<>();
        List<String> held = new ArrayList<>();
        for (Deferred d : rows) {
            if (d.campaignId() != null && DispatchGate.CAMPAIGN_PAUSED.equals(d.reason())) {
                campaigns.add(d.campaignId());
                held.add(d.messageId());
            }
        }
        if (held.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(RELEASE_CAMPAIGN_HOLD + " AND d.message_id = ANY(?)")) {
            Instant now = Instant.now();
            Jdbc.bind(s, now, Jdbc.texts(c, campaigns.stream().distinct().toList()), DispatchGate.CAMPAIGN_PAUSED, now,
                    Jdbc.texts(c, held));
            s.executeUpdate();
        }
    }

    /**
     * The sender's registry pause or health decision may have changed between the gate reading it and these rows being
     * written, after the release for that change already ran: SENDER_PAUSED rows of a sender now active, and
     * SENDER_HEALTH_PAUSED / TEMPLATE_HELD rows of a sender whose stored decision is newer than the one the gate used,
     * are made due at once (the gate then decides again). Only the rows just written are touched.
     */
    private static void releaseIfSenderChangedMeanwhile(Connection c, List<Deferred> rows, Instant healthDecidedAt) throws SQLException {
        List<String> paused = new ArrayList<>();
        List<String> healthHeld = new ArrayList<>();
        for (Deferred d : rows) {
            if (DispatchGate.SENDER_PAUSED.equals(d.reason())) {
                paused.add(d.messageId());
            } else if (healthDecidedAt != null && SENDER_HOLDS.contains(d.reason())) {
                healthHeld.add(d.messageId());
            }
        }
        Instant now = Instant.now();
        if (!paused.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE deferred_message d SET due_at = ? WHERE d.message_id = ANY(?) AND d.due_at > ?
                      AND EXISTS (SELECT 1 FROM sender s WHERE s.sender_id = d.sender_id AND s.state = 'ACTIVE')""")) {
                Jdbc.bind(s, now, Jdbc.texts(c, paused), now);
                s.executeUpdate();
            }
        }
        if (!healthHeld.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE deferred_message d SET due_at = ? WHERE d.message_id = ANY(?) AND d.due_at > ?
                      AND EXISTS (SELECT 1 FROM sender_health h WHERE h.sender_id = d.sender_id AND h.changed_at > ?)""")) {
                Jdbc.bind(s, now, Jdbc.texts(c, healthHeld), now, healthDecidedAt);
                s.executeUpdate();
            }
        }
    }

    /**
     * Makes the sender's messages held for categories a newer health decision no longer holds ({@code releasedCategories},
     * reason SENDER_HEALTH_PAUSED) and those held for a template it no longer holds ({@code releasedTemplateHolds}, reason
     * TEMPLATE_HELD) due at {@code now}, in one transaction: the relay puts them back on their lane within its next
     * round and the gate decides again. Rows already due are left alone, so running it again changes nothing.
     *
     * @return how many messages were released
     */
    public int releaseHealthHolds(String senderId, List<String> releasedCategories, List<String> releasedTemplateHolds, Instant now) {
        if (releasedCategories.isEmpty() && releasedTemplateHolds.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE deferred_message SET due_at = ? WHERE sender_id = ? AND due_at > ?
                  AND ((reason = ? AND category = ANY(?)) OR (reason = ? AND message_id = ANY(?)))""")) {
            Jdbc.bind(s, now, senderId, now, DispatchGate.SENDER_HEALTH_PAUSED, Jdbc.texts(c, releasedCategories),
                    DispatchGate.TEMPLATE_HELD, Jdbc.texts(c, releasedTemplateHolds));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot release the health holds of a sender: " + e.getMessage(), e);
        }
    }

    /** The sender's messages held for their template (TEMPLATE_HELD) and not due yet. */
    public List<TemplateHold> templateHolds(String senderId, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT message_id, template_name, template_language FROM deferred_message
                WHERE sender_id = ? AND reason = ? AND due_at > ?""")) {
            Jdbc.bind(s, senderId, DispatchGate.TEMPLATE_HELD, now);
            List<TemplateHold> holds = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    holds.add(new TemplateHold(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            return holds;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the template holds of a sender: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the sender's messages held by its registry pause (SENDER_PAUSED) due at {@code now}, once it is active again
     * (an operator's resume, or an automatic pause lifted by health-monitor's decision). Idempotent.
     *
     * @return how many messages were released
     */
    public int releaseSenderHold(String senderId, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE deferred_message d SET due_at = ? WHERE d.sender_id = ? AND d.reason = ? AND d.due_at > ?
                  AND EXISTS (SELECT 1 FROM sender s WHERE s.sender_id = d.sender_id AND s.state = 'ACTIVE')""")) {
            Jdbc.bind(s, now, senderId, DispatchGate.SENDER_PAUSED, now);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot release the held messages of a sender: " + e.getMessage(), e);
        }
    }

    /**
     * Makes every message held because {@code campaignId} was paused due at {@code now}, in one statement, once the
     * campaign's projected state is no longer PAUSED (resumed, started, cancelled…): the relay then puts them back on
     * their lanes within its next round and the gate sends or suppresses them. Idempotent: a redelivered event finds
     * them due already, or gone.
     *
     * @return how many messages were released
     */
    public int releaseCampaignHold(String campaignId, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RELEASE_CAMPAIGN_HOLD)) {
            Jdbc.bind(s, now, Jdbc.texts(c, List.of(campaignId)), DispatchGate.CAMPAIGN_PAUSED, now);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot release the held messages of a campaign: " + e.getMessage(), e);
        }
    }

    /**
     * Takes up to {@code limit} due messages (locked, so concurrent pollers share the work), hands them to
     * {@code reenter} and deletes them only when it answers true (their re-entry is durable).
     *
     * @return how many re-entered
     */
    public int reenterDue(Instant now, int limit, Predicate<List<Deferred>> reenter) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Deferred> due = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT message_id, sender_id, lane, recipient, category, campaign_id, template_name, template_language,
                          due_at, reason, attempts, payload
                        FROM deferred_message
                        WHERE due_at <= ? ORDER BY due_at, deferred_at LIMIT ? FOR UPDATE SKIP LOCKED""")) {
                    Jdbc.bind(s, now, limit);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            due.add(new Deferred(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                    rs.getString(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant(), rs.getString(10),
                                    rs.getInt(11), rs.getBytes(12)));
                        }
                    }
                }
                if (due.isEmpty() || !reenter.test(due)) {
                    c.rollback();
                    return 0;
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM deferred_message WHERE message_id = ANY(?)")) {
                    s.setArray(1, Jdbc.texts(c, due.stream().map(Deferred::messageId).toList()));
                    s.executeUpdate();
                }
                c.commit();
                return due.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot re-enter deferred messages: " + e.getMessage(), e);
        }
    }
}
