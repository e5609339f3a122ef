package dev.safesend.consent.repository;

import dev.safesend.servicekit.store.CopyRows;

import dev.safesend.consent.domain.Category;
import dev.safesend.consent.domain.ConsentSnapshot;
import dev.safesend.consent.domain.ConsentState;
import dev.safesend.consent.domain.OutboxEntry;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.safesend.consent.repository.Sql.failure;
import static dev.safesend.consent.repository.Sql.instant;

/**
 * consent.outbox: written in the transaction of each change, read and deleted by the relay. The relay takes a
 * transaction-scoped advisory lock, so only one instance publishes at a time and the topic sees each phone's versions
 * in order.
 */
@ApplicationScoped
public class OutboxRepository {

    /** Arbitrary, fixed: the advisory lock of the outbox relay. */
    private static final long RELAY_LOCK = 0x5afe5e4dL;

    private final AgroalDataSource dataSource;

    public OutboxRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void consentChanged(String phone, String project, String source, long version, boolean erased) {
        consentChanged(List.of(phone), project, source, new long[]{version}, erased);
    }

    /** One CONSENT row per phone, in the given order. */
    public void consentChanged(List<String> phones, String project, String source, long[] versions, boolean erased) {
        if (phones.isEmpty()) {
            return;
        }
        CopyRows rows = new CopyRows();
        for (int i = 0; i < phones.size(); i++) {
            rows.add("CONSENT").add(phones.get(i)).add(project).add(source).add(versions[i]).add(erased).endRow();
        }
        try (Connection c = dataSource.getConnection()) {
            rows.into(c, "outbox (kind, phone, project, source, version, erased)");
        } catch (SQLException e) {
            throw failure("write the outbox", e);
        }
    }

    public void reply(String phone, String project, String requestId, String body) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO outbox (kind, phone, project, request_id, body) VALUES ('REPLY', ?, ?, ?, ?)")) {
            s.setString(1, phone);
            s.setString(2, project);
            s.setString(3, requestId);
            s.setString(4, body);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("write the outbox", e);
        }
    }

    /** One REPLY row per element, in order (one COPY). */
    public void replies(List<String> phones, List<String> projects, List<String> requestIds, List<String> bodies) {
        if (phones.isEmpty()) {
            return;
        }
        CopyRows rows = new CopyRows();
        for (int i = 0; i < phones.size(); i++) {
            rows.add("REPLY").add(phones.get(i)).add(projects.get(i)).add(requestIds.get(i)).add(bodies.get(i)).endRow();
        }
        try (Connection c = dataSource.getConnection()) {
            rows.into(c, "outbox (kind, phone, project, request_id, body)");
        } catch (SQLException e) {
            throw failure("write the outbox", e);
        }
    }

    /** In the caller's transaction: true if this instance may relay now (the lock is released at commit). */
    public boolean tryLockRelay() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            s.setLong(1, RELAY_LOCK);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw failure("lock the outbox", e);
        }
    }

    /**
     * The oldest entries. A CONSENT entry carries the phone's state at its version; one already superseded by a later
     * change (or an erase) has no snapshot and is dropped by the relay, so every published record is exactly the state
     * its version and source describe. A phone's current version is the highest of its consent_current rows (each row
     * carries the version of its latest change; an erase deletes them all), read with its states in one index lookup.
     */
    public List<OutboxEntry> next(int limit) {
        List<OutboxEntry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT o.*, cs.current_version, cs.current_version IS NOT NULL AS present, cs.states,
                            (SELECT string_agg(a.address, ' ' ORDER BY a.address) FROM contact_address a
                             WHERE a.contact_key = o.phone AND o.kind = 'CONSENT') AS addresses
                     FROM outbox o
                     LEFT JOIN LATERAL (
                       SELECT max(c.version) AS current_version, string_agg(""" + ConsentColumns.statesText("c") + """
                              , ';') AS states
                       FROM consent_current c WHERE c.phone = o.phone AND o.kind = 'CONSENT') cs ON true
                     ORDER BY o.id LIMIT ?""")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the outbox", e);
        }
    }

    public void delete(List<Long> ids) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM outbox WHERE id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("clear the outbox", e);
        }
    }

    public long pending() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM outbox");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("count the outbox", e);
        }
    }

    private static OutboxEntry entry(ResultSet rs) throws SQLException {
        OutboxEntry.Kind kind = OutboxEntry.Kind.valueOf(rs.getString("kind"));
        String phone = rs.getString("phone");
        String project = rs.getString("project");
        Instant created = instant(rs.getTimestamp("created_at"));
        ConsentSnapshot snapshot = null;
        if (kind == OutboxEntry.Kind.CONSENT) {
            boolean erasedRow = rs.getBoolean("erased");
            boolean current = rs.getBoolean("present") && rs.getLong("current_version") == rs.getLong("version");
            if (erasedRow || current) {
                Map<String, Map<Category, ConsentState>> projects = new LinkedHashMap<>();
                String states = rs.getString("states");
                if (states != null && !erasedRow) {
                    for (String s : states.split(";")) {
                        Map.Entry<String, Map<Category, ConsentState>> row = ConsentColumns.parseStates(s);
                        projects.put(row.getKey(), row.getValue());
                    }
                }
                List<String> addresses = new ArrayList<>(List.of(phone));
                String linked = rs.getString("addresses");
                if (linked != null) {
                    addresses.addAll(List.of(linked.split(" ")));
                }
                snapshot = new ConsentSnapshot(phone, project, rs.getLong("version"), erasedRow, rs.getString("source"), created, projects,
                        addresses);
            }
            // else superseded: a later entry (higher version, or the erase) publishes the state, so this one is dropped
        }
        return new OutboxEntry(rs.getLong("id"), kind, phone, project, rs.getString("source"), rs.getLong("version"),
                rs.getBoolean("erased"), rs.getString("request_id"), rs.getString("body"), created, snapshot);
    }
}
