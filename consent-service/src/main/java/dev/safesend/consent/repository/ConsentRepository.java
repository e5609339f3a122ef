package dev.safesend.consent.repository;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.safesend.consent.repository.Sql.failure;
import static dev.safesend.consent.repository.Sql.instant;

/** consent.consent_state (current) and consent.consent_event (append-only history). Joins the caller's transaction. */
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
                     "SELECT phone, category, state, source, evidence_at FROM consent_state WHERE project = ? AND phone = ANY(?::text[])")) {
            s.setString(1, project);
            Sql.bindArray(s, 2, Sql.array(phones));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Category category = Category.valueOf(rs.getString(2));
                    out.computeIfAbsent(rs.getString(1), p -> unknownAll()).put(category, new CategoryConsent(category,
                            ConsentState.valueOf(rs.getString(3)), ConsentSource.valueOf(rs.getString(4)), instant(rs.getTimestamp(5))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read consent", e);
        }
    }

    /** Every project's states of a phone. */
    public Map<String, Map<Category, ConsentState>> allProjects(String phone) {
        Map<String, Map<Category, ConsentState>> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT project, category, state FROM consent_state WHERE phone = ? ORDER BY project, category")) {
            s.setString(1, phone);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), p -> new EnumMap<>(Category.class))
                            .put(Category.valueOf(rs.getString(2)), ConsentState.valueOf(rs.getString(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read consent", e);
        }
    }

    /** Appends the changes to the history (COPY) and sets the current states (one upsert from arrays), any number of rows. */
    public void apply(List<ConsentChange> changes, List<Long> versions, String actor) {
        if (changes.isEmpty()) {
            return;
        }
        List<String> phones = new ArrayList<>(changes.size());
        List<String> projects = new ArrayList<>(changes.size());
        List<String> categories = new ArrayList<>(changes.size());
        List<String> states = new ArrayList<>(changes.size());
        List<String> sources = new ArrayList<>(changes.size());
        List<Instant> at = new ArrayList<>(changes.size());
        for (ConsentChange ch : changes) {
            phones.add(ch.phone());
            projects.add(ch.project());
            categories.add(ch.category().name());
            states.add(ch.state().name());
            sources.add(ch.evidence().source().name());
            at.add(ch.evidence().at());
        }
        CopyRows history = new CopyRows();
        for (int i = 0; i < changes.size(); i++) {
            ConsentChange ch = changes.get(i);
            history.add(ch.phone()).add(ch.project()).add(ch.category().name()).add(ch.state().name())
                    .add(ch.evidence().source().name()).add(ch.evidence().at()).add(ch.evidence().proof()).add(actor)
                    .add(versions.get(i)).endRow();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement current = c.prepareStatement("""
                     INSERT INTO consent_state AS t (phone, project, category, state, source, evidence_at, changed_at)
                     SELECT p, pr, ca, st, so, ea, now()
                     FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[]) AS u(p, pr, ca, st, so, ea)
                     ON CONFLICT (phone, project, category) DO UPDATE SET
                       state = EXCLUDED.state, source = EXCLUDED.source, evidence_at = EXCLUDED.evidence_at, changed_at = now()""")) {
            history.into(c, "consent_event (phone, project, category, state, source, evidence_at, proof, actor, version)");
            Sql.bindArray(current, 1, Sql.array(phones));
            Sql.bindArray(current, 2, Sql.array(projects));
            Sql.bindArray(current, 3, Sql.array(categories));
            Sql.bindArray(current, 4, Sql.array(states));
            Sql.bindArray(current, 5, Sql.array(sources));
            Sql.bindArray(current, 6, Sql.array(at));
            current.executeUpdate();
        } catch (SQLException e) {
            throw failure("record consent changes", e);
        }
    }

    /** The full history of a phone, oldest first. */
    public List<LedgerEntry> history(String phone) {
        List<LedgerEntry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM consent_event WHERE phone = ? ORDER BY id")) {
            s.setString(1, phone);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new LedgerEntry(rs.getLong("id"), rs.getString("project"), Category.valueOf(rs.getString("category")),
                            ConsentState.valueOf(rs.getString("state")),
                            new Evidence(ConsentSource.valueOf(rs.getString("source")), instant(rs.getTimestamp("evidence_at")), rs.getString("proof")),
                            instant(rs.getTimestamp("recorded_at")), rs.getString("actor"), rs.getLong("version")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read consent history", e);
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
