package dev.safesend.consent.repository;

import dev.safesend.servicekit.store.CopyRows;

import dev.safesend.consent.domain.Category;
import dev.safesend.consent.domain.ConsentSnapshot;
import dev.safesend.consent.domain.ConsentState;
import dev.safesend.consent.domain.OutboxEntry;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * One CONSENT row: the phone's change at {@code version}, with the facts only the change knows: the business number
     * it came through ({@code senderId}, null for none) and the categories of {@code project} it opted out.
     */
    public void consentChanged(String phone, String project, String source, long version, boolean erased, String senderId,
                               Set<Category> optedOut) {
        consentChanged(List.of(phone), project, source, new long[]{version}, erased, Collections.singletonList(senderId),
                List.of(optedOut));
    }

    /**
     * One CONSENT row per phone, in the given order; {@code senderIds} and {@code optedOut} per phone, in the same
     * order, or null when no row has any (a LINK republish).
     */
    public void consentChanged(List<String> phones, String project, String source, long[] versions, boolean erased,
                               List<String> senderIds, List<Set<Category>> optedOut) {
        if (phones.isEmpty()) {
            return;
        }
        CopyRows rows = new CopyRows();
        for (int i = 0; i < phones.size(); i++) {
            rows.add("CONSENT").add(phones.get(i)).add(project).add(source).add(versions[i]).add(erased)
                    .add(senderIds == null ? null : senderIds.get(i))
                    .addTextArray(optedOut == null ? List.of() : optedOut.get(i).stream().sorted().map(Category::name).toList())
                    .endRow();
        }
        try (Connection c = dataSource.getConnection()) {
            rows.into(c, "outbox (kind, phone, project, source, version, erased, sender_id, opted_out)");
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
     * The oldest entries. A CONSENT entry carries the phone's state at its version. One already superseded by a later
     * change (or an erase) has no snapshot and is dropped by the relay, the later entry publishing the state, unless
     * it opted someone out: that fact is the entry's alone (health-monitor counts opt-outs per number from it; the later
     * change may be a START, a LINK republish, another project's part of the same STOP), so it is published anyway, at
     * its own version, with its source, sender and opted-out categories and the phone's state as it is now (newer than
     * its version; opted out of everything if the phone has since been erased). A consumer keeping the highest version
     * per phone ends on the same state either way. A phone's current version is the highest of its consent_current rows
     * (each row carries the version of its latest change; an erase deletes them all), read with its states in one index
     * lookup.
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
            boolean present = rs.getBoolean("present");
            boolean current = present && rs.getLong("current_version") == rs.getLong("version");
            Set<Category> optedOut = categories(rs.getArray("opted_out"));
            if (erasedRow || current || !optedOut.isEmpty()) {
                boolean erased = erasedRow || !present; // not present: erased since (an opt-out entry superseded by the erase)
                Map<String, Map<Category, ConsentState>> projects = new LinkedHashMap<>();
                String states = rs.getString("states");
                if (states != null && !erased) {
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
                snapshot = new ConsentSnapshot(phone, project, rs.getLong("version"), erased, rs.getString("source"), created, projects,
                        addresses, rs.getString("sender_id"), optedOut);
            }
            // else superseded and it opted nobody out: a later entry (higher version, or the erase) publishes the state
        }
        return new OutboxEntry(rs.getLong("id"), kind, phone, project, rs.getString("source"), rs.getLong("version"),
                rs.getBoolean("erased"), rs.getString("request_id"), rs.getString("body"), created, snapshot);
    }

    private static Set<Category> categories(Array array) throws SQLException {
        Set<Category> out = EnumSet.noneOf(Category.class);
        if (array != null) {
            for (Object name : (Object[]) array.getArray()) {
                out.add(Category.valueOf((String) name));
            }
        }
        return out;
    }
}
