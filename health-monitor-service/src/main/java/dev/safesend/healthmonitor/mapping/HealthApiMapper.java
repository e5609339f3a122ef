package dev.safesend.healthmonitor.mapping;

import dev.safesend.healthmonitor.domain.ContactEngagement;
import dev.safesend.healthmonitor.domain.MessagingTier;
import dev.safesend.healthmonitor.domain.Rates;
import dev.safesend.healthmonitor.domain.WindowCounts;
import dev.safesend.healthmonitor.repository.SenderHealthEntity;
import dev.safesend.healthmonitor.repository.SenderHealthHistoryEntity;
import dev.safesend.healthmonitor.rest.HealthViews;
import dev.safesend.healthmonitor.service.HealthAdmin;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/** health-monitor's domain ↔ REST bodies. */
@ApplicationScoped
public class HealthApiMapper {

    public HealthViews.SenderView toView(HealthAdmin.SenderView v) {
        SenderHealthEntity s = v.sender();
        Rates r = v.day();
        Long limit = v.usage().map(HealthAdmin.Usage::limit).orElse(MessagingTier.limit(s.tier));
        return new HealthViews.SenderView(s.senderId, s.displayNumber, s.portfolioId, s.wabaId, s.state, s.factor, s.score,
                s.reasonList(), s.why, s.until, s.changedAt, s.quality, s.tier,
                new HealthViews.Budget(v.usage().map(HealthAdmin.Usage::usedLast24h).orElse(null), limit),
                new HealthViews.RatesView(r.sent(), r.delivered(), r.delivery(), r.read(), r.response(), r.optOut(), r.block(), r.error()),
                toView(v.windows()), s.manualPause);
    }

    public HealthViews.Windows toView(WindowCounts.WindowTotals t) {
        return new HealthViews.Windows(new TreeMap<>(t.hour().values()), new TreeMap<>(t.day().values()),
                new TreeMap<>(t.week().values()));
    }

    public HealthViews.SenderPage toView(HealthAdmin.Page page) {
        return new HealthViews.SenderPage(page.items().stream().map(this::toView).toList(), page.nextCursor());
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
