package dev.safesend.healthmonitor.service;

import dev.safesend.healthmonitor.domain.BudgetUsage;
import dev.safesend.healthmonitor.domain.ContactEngagement;
import dev.safesend.healthmonitor.domain.Rates;
import dev.safesend.healthmonitor.domain.Scope;
import dev.safesend.healthmonitor.domain.ScopeType;
import dev.safesend.healthmonitor.domain.WindowCounts;
import dev.safesend.healthmonitor.repository.EngagementRepository;
import dev.safesend.healthmonitor.repository.HealthRepository;
import dev.safesend.healthmonitor.repository.MessageSignalRepository;
import dev.safesend.healthmonitor.repository.SenderHealthEntity;
import dev.safesend.healthmonitor.repository.SenderHealthHistoryEntity;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What operators read and do: senders with their windows, histories, engagement lookups, manual pause and resume. */
@ApplicationScoped
public class HealthAdmin {

    private final HealthRepository repository;
    private final SenderFactsService facts;
    private final HealthEvaluator evaluator;
    private final Windows windows;
    private final EngagementRepository engagement;
    private final AgroalDataSource dataSource;
    private final ExternalFacts external;
    private final MessageSignalRepository signals;
    private final Clock clock;

    public HealthAdmin(HealthRepository repository, SenderFactsService facts, HealthEvaluator evaluator, Windows windows,
                       EngagementRepository engagement, AgroalDataSource dataSource, ExternalFacts external,
                       MessageSignalRepository signals, Clock clock) {
        this.signals = signals;
        this.repository = repository;
        this.facts = facts;
        this.evaluator = evaluator;
        this.windows = windows;
        this.engagement = engagement;
        this.dataSource = dataSource;
        this.external = external;
        this.clock = clock;
    }

    /** A sender with its windows over 1 h, 24 h and 7 days. */
    public record SenderView(SenderHealthEntity sender, WindowCounts.WindowTotals windows, Rates day,
                             Optional<BudgetUsage> usage) {
    }

    public record Page(List<SenderView> items, String nextCursor) {
    }

    /**
     * A page of senders, those of {@code projects} only unless it is null (every project); each one's budget use is
     * asked of dispatch after the database work (never inside a transaction).
     */
    public Page senders(int limit, String cursor, List<String> projects) {
        int size = Math.max(1, Math.min(limit, 200));
        List<SenderHealthEntity> rows = QuarkusTransaction.joiningExisting().call(() -> repository.senders(cursor, size + 1, projects));
        boolean more = rows.size() > size;
        List<SenderView> items = rows.stream().limit(size).map(this::view).toList();
        return new Page(items, more ? items.get(items.size() - 1).sender().senderId : null);
    }

    public SenderView sender(String senderId) {
        return view(QuarkusTransaction.joiningExisting().call(() -> existing(senderId)));
    }

    /** The project a number belongs to (404 for a number the monitor does not know; null before the registry was read). */
    public String senderProject(String senderId) {
        return QuarkusTransaction.joiningExisting().call(() -> existing(senderId)).project;
    }

    /** The projects of a portfolio's numbers (empty when no number belongs to it). */
    public List<String> portfolioProjects(String portfolioId) {
        return QuarkusTransaction.joiningExisting().call(() -> repository.senders().stream()
                .filter(s -> portfolioId.equals(s.portfolioId)).map(s -> s.project).distinct().toList());
    }

    /** The projects of the numbers on the WABAs that hold a template (empty when none is known to hold it). */
    public List<String> templateProjects(String name, String language) {
        return QuarkusTransaction.joiningExisting().call(() -> repository.templateProjects(name, language));
    }

    /** The projects a campaign's messages were sent for (empty when none is on record). */
    public List<String> campaignProjects(String campaignId) {
        try {
            return signals.campaignProjects(campaignId);
        } catch (SQLException e) {
            throw new StoreUnavailableException(e.getMessage(), e);
        }
    }

    @Transactional
    public List<SenderHealthHistoryEntity> history(String senderId, int limit) {
        existing(senderId);
        return repository.history("senderId", senderId, Math.max(1, Math.min(limit, 500)));
    }

    @Transactional
    public List<SenderHealthHistoryEntity> portfolioHistory(String portfolioId, int limit) {
        List<SenderHealthHistoryEntity> h = repository.history("portfolioId", portfolioId, Math.max(1, Math.min(limit, 500)));
        if (h.isEmpty() && repository.senders().stream().noneMatch(s -> portfolioId.equals(s.portfolioId))) {
            throw ProblemException.notFound("portfolio", portfolioId);
        }
        return h;
    }

    /** A portfolio's windows: the sum of its numbers' (404 when no number belongs to it). */
    public WindowCounts.WindowTotals portfolio(String portfolioId) {
        List<SenderHealthEntity> members = QuarkusTransaction.joiningExisting().call(() -> repository.senders().stream()
                .filter(s -> portfolioId.equals(s.portfolioId)).toList());
        if (members.isEmpty()) {
            throw ProblemException.notFound("portfolio", portfolioId);
        }
        Instant now = clock.instant();
        WindowCounts.Counts hour = WindowCounts.Counts.empty();
        WindowCounts.Counts day = WindowCounts.Counts.empty();
        WindowCounts.Counts week = WindowCounts.Counts.empty();
        for (SenderHealthEntity s : members) {
            WindowCounts.WindowTotals t = windows.totals(Scope.sender(s.senderId), now);
            hour = hour.plus(t.hour());
            day = day.plus(t.day());
            week = week.plus(t.week());
        }
        return new WindowCounts.WindowTotals(hour, day, week);
    }

    /** The windows of a template ({@code name/language}) or a campaign. */
    public WindowCounts.WindowTotals scope(ScopeType type, String id) {
        return windows.totals(new Scope(type, id), clock.instant());
    }

    public Optional<ContactEngagement> engagement(String project, String contact) {
        try (Connection c = dataSource.getConnection()) {
            return engagement.find(c, project, contact);
        } catch (SQLException e) {
            throw new StoreUnavailableException(e.getMessage(), e);
        }
    }

    /** An operator's pause: the number stops (every category) until resumed; published before this answers. */
    public SenderView pause(String senderId, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.validation("a pause needs a reason",
                    List.of(new Problem.FieldError("reason", "required", "say why the number is paused")));
        }
        return view(QuarkusTransaction.joiningExisting().call(() -> {
            existing(senderId);
            facts.manual(senderId, reason.strip());
            evaluator.evaluate(senderId, actor);
            return existing(senderId);
        }));
    }

    /** An operator's resume: the number goes to what its signals call for at once. */
    public SenderView resume(String senderId, String reason, String actor) {
        return view(QuarkusTransaction.joiningExisting().call(() -> {
            SenderHealthEntity s = existing(senderId);
            if (s.manualPause == null) {
                throw new ProblemException(Problem.of(409, "not-paused", "Not paused by an operator",
                        "sender " + senderId + " has no manual pause to resume (its state is " + s.state + ")"));
            }
            facts.manual(senderId, null);
            evaluator.evaluate(senderId, actor + (reason == null || reason.isBlank() ? "" : ": " + reason.strip()));
            return existing(senderId);
        }));
    }

    private SenderHealthEntity existing(String senderId) {
        SenderHealthEntity s = repository.sender(senderId);
        if (s == null) {
            throw ProblemException.notFound("sender", senderId);
        }
        return s;
    }

    private SenderView view(SenderHealthEntity s) {
        Instant now = clock.instant();
        WindowCounts.WindowTotals totals = windows.totals(Scope.sender(s.senderId), now);
        Optional<BudgetUsage> usage = external.budget(s.senderId).map(b -> new BudgetUsage(b.usedLast24h(), b.limit()));
        return new SenderView(s, totals, Rates.of(totals.day()), usage);
    }
}
