package dev.safesend.healthmonitor.service;

import dev.safesend.healthmonitor.config.HealthMonitorConfig;
import dev.safesend.healthmonitor.domain.HealthChange;
import dev.safesend.healthmonitor.domain.HealthRules;
import dev.safesend.healthmonitor.domain.HealthScore;
import dev.safesend.healthmonitor.domain.HealthState;
import dev.safesend.healthmonitor.domain.MessagingTier;
import dev.safesend.healthmonitor.domain.Rates;
import dev.safesend.healthmonitor.domain.Scope;
import dev.safesend.healthmonitor.domain.ScopeType;
import dev.safesend.healthmonitor.domain.SenderCondition;
import dev.safesend.healthmonitor.domain.SenderFacts;
import dev.safesend.healthmonitor.domain.TemplateHold;
import dev.safesend.healthmonitor.domain.TemplateOnHold;
import dev.safesend.healthmonitor.domain.WindowCounts;
import dev.safesend.healthmonitor.repository.HealthRepository;
import dev.safesend.healthmonitor.repository.SenderHealthEntity;
import dev.safesend.healthmonitor.repository.SenderHealthHistoryEntity;
import dev.safesend.healthmonitor.repository.TemplateStateEntity;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges every number once per {@code evaluate-every}: its windows, Meta's facts and its portfolio go through
 * {@link HealthRules}; a changed decision is written with its history, raised as an alert and published on
 * wa.sender-health.v1 (the publish awaits Kafka's ack inside the transaction, so a failed publish leaves the stored
 * decision unchanged and the next tick tries again).
 */
@ApplicationScoped
public class HealthEvaluator {

    public static final String POLICY = "policy";

    private final HealthRepository repository;
    private final SenderFactsService facts;
    private final Windows windows;
    private final SenderHealthPublisher publisher;
    private final AlertService alerts;
    private final ExternalFacts external;
    private final HealthMonitorConfig config;
    private final Clock clock;
    private volatile Instant lastEvaluated;

    public HealthEvaluator(HealthRepository repository, SenderFactsService facts, Windows windows,
                           SenderHealthPublisher publisher, AlertService alerts, ExternalFacts external,
                           HealthMonitorConfig config, Clock clock) {
        this.repository = repository;
        this.facts = facts;
        this.windows = windows;
        this.publisher = publisher;
        this.alerts = alerts;
        this.external = external;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${safesend.health-monitor.evaluate-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        if (!config.evaluate()) {
            return;
        }
        try {
            evaluate(null, POLICY);
        } catch (RuntimeException e) {
            Log.warnf("health evaluation failed (next tick tries again): %s", e.toString());
        }
    }

    /**
     * Judges every number (or only {@code only}'s portfolio when given) and applies what changed.
     *
     * @param actor who caused this evaluation: {@code policy}, or the operator of a manual pause/resume
     */
    @Transactional
    public void evaluate(String only, String actor) {
        Instant now = clock.instant();
        try {
            windows.restore(now);
        } catch (SQLException e) {
            throw new StoreUnavailableException(e.getMessage(), e);
        }
        HealthRules rules = config.rules().toRules();
        java.util.Set<String> known = new java.util.HashSet<>();
        repository.senders().forEach(s -> known.add(s.senderId));
        for (Scope scope : windows.scopes()) {
            if (scope.type() == ScopeType.SENDER && !known.contains(scope.id())) {
                facts.sender(scope.id()); // first seen in the counts: created HEALTHY, judged below
            }
        }
        List<SenderHealthEntity> senders = repository.senders();
        String onlyPortfolio = only == null ? null : portfolioOf(repository.sender(only));
        Map<String, WindowCounts.Counts> window = new HashMap<>();
        Map<String, WindowCounts.Counts> portfolios = new HashMap<>();
        for (SenderHealthEntity s : senders) {
            WindowCounts.Counts c = windows.counts(Scope.sender(s.senderId), rules.optOutWindow(), now);
            window.put(s.senderId, c);
            portfolios.merge(portfolioOf(s), c, WindowCounts.Counts::plus);
        }
        // a number's own causes first: whose marketing is held by them holds its whole portfolio's
        Map<String, List<String>> heldInPortfolio = new HashMap<>();
        for (SenderHealthEntity s : senders) {
            HealthRules.Assessment own = rules.assess(factsOf(s, window, portfolios, List.of(), false), condition(s), now);
            if (own.factor() <= 0 || own.stop()) {
                heldInPortfolio.computeIfAbsent(portfolioOf(s), p -> new ArrayList<>()).add(nameOf(s));
            }
        }
        Map<HealthState, Long> counts = new EnumMap<>(HealthState.class);
        for (SenderHealthEntity s : senders) {
            if (only != null && !only.equals(s.senderId) && !portfolioOf(s).equals(onlyPortfolio)) {
                counts.merge(HealthState.valueOf(s.state), 1L, Long::sum);
                continue;
            }
            List<String> holds = new ArrayList<>(heldInPortfolio.getOrDefault(portfolioOf(s), List.of()));
            holds.remove(nameOf(s));
            SenderFacts f = factsOf(s, window, portfolios, holds, true);
            SenderCondition before = condition(s);
            HealthRules.Assessment a = rules.assess(f, before, now);
            SenderCondition after = rules.next(before, a, now);
            WindowCounts.Counts day = windows.counts(Scope.sender(s.senderId), WindowCounts.DAY, now);
            double score = HealthScore.of(Rates.of(day), s.quality, external.budgetNearlyUsed(s.portfolioId),
                    config.rules().minDelivered());
            store(s, after, a.why(), score);
            if (after.decisionDiffers(before)) {
                HealthChange change = new HealthChange(s.senderId, s.portfolioId, s.displayNumber, before.state(), after.state(),
                        after.factor(), score, after.reasons(), after.until(), now, actor, a.why().isEmpty() ? "causes cleared" : a.why());
                history(change);
                alerts.raise(change);
                Log.infof("sender %s: %s → %s throttle=%.2f reasons=%s (%s)", s.senderId, before.state(), after.state(),
                        after.factor(), after.reasons(), change.why());
            }
            List<TemplateOnHold> held = heldTemplates(s);
            String signature = signature(s, held);
            if (!signature.equals(s.published)) {
                publisher.publish(s, held, now);
                s.published = signature;
            }
            counts.merge(HealthState.valueOf(s.state), 1L, Long::sum);
        }
        alerts.senderStates(counts);
        lastEvaluated = now;
    }

    /** When every number was last judged (null: not yet). */
    public Instant lastEvaluated() {
        return lastEvaluated;
    }

    private SenderFacts factsOf(SenderHealthEntity s, Map<String, WindowCounts.Counts> window,
                                Map<String, WindowCounts.Counts> portfolios, List<String> holds, boolean withPortfolio) {
        Rates own = Rates.of(window.getOrDefault(s.senderId, WindowCounts.Counts.empty()));
        Rates portfolio = withPortfolio && s.portfolioId != null ? Rates.of(portfolios.get(portfolioOf(s))) : null;
        return new SenderFacts(own, portfolio, s.quality, s.restrictedUntil, s.lastSpamLimit, s.lastAccountBlock,
                s.accountBlockCode, s.disabled, holds, s.manualPause);
    }

    static SenderCondition condition(SenderHealthEntity s) {
        return new SenderCondition(HealthState.valueOf(s.state), s.factor, s.reasonList(), s.until, s.clearSince, s.holdUntil,
                s.changedAt);
    }

    private static void store(SenderHealthEntity s, SenderCondition c, String why, double score) {
        boolean differs = c.decisionDiffers(condition(s));
        s.state = c.state().name();
        s.factor = c.factor();
        s.reasons = String.join(",", c.reasons());
        s.until = c.until();
        s.clearSince = c.clearSince();
        s.holdUntil = c.holdUntil();
        s.changedAt = c.changedAt();
        s.score = score;
        if (differs) {
            s.why = why.isEmpty() ? null : why.length() > 2000 ? why.substring(0, 2000) : why;
        }
    }

    private void history(HealthChange c) {
        SenderHealthHistoryEntity h = new SenderHealthHistoryEntity();
        h.senderId = c.senderId();
        h.portfolioId = c.portfolioId();
        h.at = c.at();
        h.fromState = c.from().name();
        h.toState = c.to().name();
        h.factor = c.throttleFactor();
        h.score = c.score();
        h.reasons = String.join(",", c.reasons());
        h.actor = c.actor();
        h.why = c.why().length() > 2000 ? c.why().substring(0, 2000) : c.why();
        h.persist();
    }

    private List<TemplateOnHold> heldTemplates(SenderHealthEntity s) {
        if (s.wabaId == null) {
            return List.of();
        }
        List<TemplateOnHold> held = new ArrayList<>();
        for (TemplateStateEntity t : repository.templates(s.wabaId)) {
            String reason = new TemplateHold(t.wabaId, t.name, t.language, t.status, t.quality).reason();
            if (reason != null) {
                held.add(new TemplateOnHold(t.name, t.language.isEmpty() ? null : t.language, reason));
            }
        }
        held.sort(java.util.Comparator.comparing(TemplateOnHold::name)
                .thenComparing(h -> h.language() == null ? "" : h.language()));
        return held;
    }

    /** What dispatch acts on, plus the score in steps: a change republishes. */
    private String signature(SenderHealthEntity s, List<TemplateOnHold> held) {
        long scoreStep = s.score == null ? -1 : Math.round(s.score / config.rules().scoreStep());
        return String.join("|", s.state, String.format(java.util.Locale.ROOT, "%.3f", s.factor), s.reasons,
                String.valueOf(s.quality), String.valueOf(s.tier), String.valueOf(MessagingTier.limit(s.tier)),
                String.valueOf(s.portfolioId), held.toString(), String.valueOf(scoreStep));
    }

    static String portfolioOf(SenderHealthEntity s) {
        return s == null ? "" : s.portfolioId != null ? s.portfolioId : "sender:" + s.senderId;
    }

    private static String nameOf(SenderHealthEntity s) {
        return s.displayNumber != null ? s.displayNumber : s.senderId;
    }

}
