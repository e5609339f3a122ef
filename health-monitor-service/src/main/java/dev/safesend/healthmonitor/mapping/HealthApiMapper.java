package dev.safesend.healthmonitor.mapping;

import dev.safesend.healthmonitor.domain.BudgetUsage;
import dev.safesend.healthmonitor.domain.ContactEngagement;
import dev.safesend.healthmonitor.domain.MessagingTier;
import dev.safesend.healthmonitor.domain.Rates;
import dev.safesend.healthmonitor.domain.WindowCounts;
import dev.safesend.healthmonitor.repository.SenderHealthEntity;
import dev.safesend.healthmonitor.repository.SenderHealthHistoryEntity;
import dev.safesend.healthmonitor.rest.HealthViews;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** health-monitor's domain ↔ REST bodies. */
@ApplicationScoped
public class HealthApiMapper {

    /** A sender's decision with its windows, its day's rates and its portfolio's budget use (when dispatch said). */
    public HealthViews.SenderView toView(SenderHealthEntity s, WindowCounts.WindowTotals windows, Rates r, Optional<BudgetUsage> usage) {
        Long limit = usage.map(BudgetUsage::limit).orElse(MessagingTier.limit(s.tier));
        return new HealthViews.SenderView(s.senderId, s.displayNumber, s.portfolioId, s.wabaId, s.state, s.factor, s.score,
                s.reasonList(), s.why, s.until, s.changedAt, s.quality, s.tier,
                new HealthViews.Budget(usage.map(BudgetUsage::usedLast24h).orElse(null), limit),
                new HealthViews.RatesView(r.sent(), r.delivered(), r.delivery(), r.read(), r.response(), r.optOut(), r.block(), r.error()),
                toView(windows), s.manualPause, s.project);
    }

    public HealthViews.Windows toView(WindowCounts.WindowTotals t) {
        return new HealthViews.Windows(new TreeMap<>(t.hour().values()), new TreeMap<>(t.day().values()),
                new TreeMap<>(t.week().values()));
    }

    public HealthViews.HistoryPage toHistory(List<SenderHealthHistoryEntity> rows) {
        return new HealthViews.HistoryPage(rows.stream().map(h -> new HealthViews.HistoryEntry(h.at, h.senderId, h.portfolioId,
                h.fromState, h.toState, h.factor, h.score, reasons(h.reasons), h.actor, h.why)).toList(), null);
    }

    public HealthViews.EngagementView toView(ContactEngagement e, Instant now) {
        return new HealthViews.EngagementView(e.project(), e.contact(), e.dormant(now) ? "DORMANT" : "ENGAGED",
                e.dormant(now) ? e.dormantUntil() : null, e.unread().size(), e.lastEngagedAt());
    }

    private static List<String> reasons(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
