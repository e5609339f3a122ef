package dev.safesend.consent.repository;

import dev.safesend.servicekit.store.CopyRows;

import dev.safesend.consent.domain.Category;
import dev.safesend.consent.domain.CategoryConsent;
import dev.safesend.consent.domain.ConsentChange;
import dev.safesend.consent.domain.ConsentSource;
import dev.safesend.consent.domain.ConsentState;
import dev.safesend.consent.domain.Evidence;
import dev.safesend.consent.domain.LedgerEntry;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.safesend.consent.repository.Sql.failure;
import static dev.safesend.consent.repository.Sql.instant;

/** consent.consent_current (current states) and consent.consent_event (append-only history). Joins the caller's transaction. */
@ApplicationScoped
public class ConsentRepository {

    private final AgroalDataSource dataSource;

    public ConsentRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every category of one project, UNKNOWN filled in. */
    public Map<Category, CategoryConsent> current(String phone, String project) {
        return currentOfMany(project, List.of(phone)).getOrDefault(phone, unknownAll());
    }

    /** Current states of many phones in one project (phones without any state are absent). */
    public Map<String, Map<Category, CategoryConsent>> currentOfMany(String project, Collection<String> phones) {
        Map<String, Map<Category, CategoryConsent>> out = new HashMap<>();
        if (phones.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT phone, " + ConsentColumns.STATE_TRIPLES + " FROM consent_current WHERE project = ? AND phone = ANY(?::text[])")) {
            s.setString(1, project);
            Sql.bindArray(s, 2, Sql.array(phones));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<Category, CategoryConsent> states = unknownAll();
                    for (Category category : Category.values()) {
                        int at = ConsentColumns.tripleAt(2, category);
                        String state = rs.getString(at);
                        if (state != null) {
                            states.put(category, new CategoryConsent(category, ConsentState.valueOf(state),
                                    ConsentSource.valueOf(rs.getString(at + 1)), instant(rs.getTimestamp(at + 2))));
                        }
                    }
                    out.put(rs.getString(1), states);
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read consent", e);
        }
    }

    /** Every project's states of a phone (a category never set is absent). */
    public Map<String, Map<Category, ConsentState>> allProjects(String phone) {
        Map<String, Map<Category, ConsentState>> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT project, " + ConsentColumns.STATES + " FROM consent_current WHERE phone = ? ORDER BY project")) {
            s.setString(1, phone);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<Category, ConsentState> states = new EnumMap<>(Category.class);
                    for (Category category : Category.values()) {
                        String state = rs.getString(2 + category.ordinal());
                        if (state != null) {
                            states.put(category, ConsentState.valueOf(state));
                        }
                    }
                    out.put(rs.getString(1), states);
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read consent", e);
        }
    }

    /**
     * Appends the changes to the history (COPY) and sets the current states (one upsert from arrays), any number of
     * rows. {@code versions.get(i)} is the version of change i. Consecutive changes of one phone and project with the
     * same version, state and evidence are one ledger row (an import row opting in to two categories is one), and all
     * changes of a phone and project are one current-state row; a project's categories the changes do not name keep
     * their state.
     */
    public void apply(List<ConsentChange> changes, List<Long> versions, String actor) {
        apply(changes, versions, java.util.Collections.nCopies(changes.size(), actor));
    }

    /** As {@link #apply(List, List, String)}, with an actor per change ({@code actors.get(i)} made change i). */
    public void apply(List<ConsentChange> changes, List<Long> versions, List<String> actors) {
        if (changes.isEmpty()) {
            return;
        }
        CopyRows history = new CopyRows();
        EnumSet<Category> categories = EnumSet.noneOf(Category.class); // in Category order, whatever the changes' order
        for (int i = 0; i < changes.size(); i++) {
            ConsentChange ch = changes.get(i);
            categories.add(ch.category());
            boolean last = i + 1 == changes.size() || !sameLedgerRow(ch, versions.get(i), changes.get(i + 1), versions.get(i + 1));
            if (last) {
                history.add(ch.phone()).add(ch.project()).add(Sql.array(categories)).add(ch.state().name())
                        .add(ch.evidence().source().name()).add(ch.evidence().at()).add(ch.evidence().proof()).add(actors.get(i))
                        .add(versions.get(i)).endRow();
                categories.clear();
            }
        }
        Map<List<String>, StateRow> rows = new LinkedHashMap<>(); // phone, project → its changes by category
        for (int i = 0; i < changes.size(); i++) {
            ConsentChange ch = changes.get(i);
            StateRow row = rows.computeIfAbsent(List.of(ch.phone(), ch.project()), k -> new StateRow());
            row.byCategory[ch.category().ordinal()] = ch;
            row.version = Math.max(row.version, versions.get(i));
        }
        // the UPSERT's array parameters, 0-based here: phone, project, a triple per category from 2, then the version
        int versionColumn = ConsentColumns.UPSERT_PARAMETERS - 1;
        List<List<Object>> columns = new ArrayList<>();
        for (int k = 0; k < ConsentColumns.UPSERT_PARAMETERS; k++) {
            columns.add(new ArrayList<>(rows.size()));
        }
        rows.forEach((key, row) -> {
            columns.get(0).add(key.get(0));
            columns.get(1).add(key.get(1));
            for (Category category : Category.values()) {
                ConsentChange ch = row.byCategory[category.ordinal()];
                int at = ConsentColumns.tripleAt(2, category);
                columns.get(at).add(ch == null ? null : ch.state().name());
                columns.get(at + 1).add(ch == null ? null : ch.evidence().source().name());
                columns.get(at + 2).add(ch == null ? null : ch.evidence().at());
            }
            columns.get(versionColumn).add(row.version);
        });
        try (Connection c = dataSource.getConnection();
             PreparedStatement current = c.prepareStatement(ConsentColumns.UPSERT)) {
            history.into(c, "consent_event (phone, project, categories, state, source, evidence_at, proof, actor, version)");
            for (int k = 0; k < columns.size(); k++) {
                Sql.bindArray(current, k + 1, Sql.array(columns.get(k)));
            }
            current.executeUpdate();
        } catch (SQLException e) {
            throw failure("record consent changes", e);
        }
    }

    /** The changes of one phone and project in one {@link #apply}: its current-state row. */
    private static final class StateRow {
        final ConsentChange[] byCategory = new ConsentChange[Category.values().length];
        long version;
    }

    private static boolean sameLedgerRow(ConsentChange a, long versionA, ConsentChange b, long versionB) {
        return versionA == versionB && a.phone().equals(b.phone()) && a.project().equals(b.project())
                && a.state() == b.state() && a.evidence().equals(b.evidence());
    }

    /** The full history of a phone, oldest first: one entry per category (the categories of one ledger row share its id). */
    public List<LedgerEntry> history(String phone) {
        List<LedgerEntry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM consent_event WHERE phone = ? ORDER BY id")) {
            s.setString(1, phone);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Evidence evidence = new Evidence(ConsentSource.valueOf(rs.getString("source")), instant(rs.getTimestamp("evidence_at")),
                            rs.getString("proof"));
                    for (String category : (String[]) rs.getArray("categories").getArray()) {
                        out.add(new LedgerEntry(rs.getLong("id"), rs.getString("project"), Category.valueOf(category),
                                ConsentState.valueOf(rs.getString("state")), evidence, instant(rs.getTimestamp("recorded_at")),
                                rs.getString("actor"), rs.getLong("version")));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read consent history", e);
        }
    }

    /** The projects each of the phones has any consent state in (phones with none are absent). */
    public Map<String, List<String>> projectsOfMany(Collection<String> phones) {
        Map<String, List<String>> out = new HashMap<>();
        if (phones.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT phone, project FROM consent_current WHERE phone = ANY(?::text[]) ORDER BY phone, project")) {
            Sql.bindArray(s, 1, Sql.array(phones));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read consent projects", e);
        }
    }

    /**
     * Sets the version of every current-state row of a contact (a new version with no state change: the contact gained
     * an address, and its state is published again so consumers learn it).
     */
    public void restamp(List<String> phones, List<Long> versions) {
        if (phones.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE consent_current c SET version = t.version
                FROM unnest(?::text[], ?::bigint[]) AS t(phone, version) WHERE c.phone = t.phone""")) {
            Sql.bindArray(s, 1, Sql.array(phones));
            Sql.bindArray(s, 2, Sql.array(versions));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("restamp consent", e);
        }
    }

    /** The projects a phone has any consent state in. */
    public List<String> projectsOf(String phone) {
        return new ArrayList<>(allProjects(phone).keySet());
    }

    private static Map<Category, CategoryConsent> unknownAll() {
        Map<Category, CategoryConsent> all = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            all.put(c, CategoryConsent.unknown(c));
        }
        return all;
    }
}
