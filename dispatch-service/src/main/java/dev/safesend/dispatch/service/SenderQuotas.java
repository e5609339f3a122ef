package dev.safesend.dispatch.service;

import dev.safesend.dispatch.config.DispatchConfig;
import dev.safesend.dispatch.domain.LivePacing;
import dev.safesend.dispatch.domain.Sender;
import dev.safesend.dispatch.domain.SenderHealth;
import dev.safesend.dispatch.repository.BudgetRepository;
import dev.safesend.dispatch.repository.DeferredQueryRepository;
import dev.safesend.dispatch.repository.ProjectionRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * What the quota view of a sender is made of: the registry entry, the portfolio's budget use, the number's new
 * recipients today (warm-up), what waits deferred, health-monitor's decision, and this instance's live pacing.
 */
@ApplicationScoped
public class SenderQuotas {

    /**
     * @param budget             the portfolio's conversations opened in the budget window (Meta's rolling 24 h) before {@code at}
     * @param newRecipientsToday the number's new recipients since midnight UTC
     * @param live               null when this instance does not pace the sender now
     */
    public record Facts(Sender sender, BudgetRepository.Usage budget, long newRecipientsToday, long deferred,
                        SenderHealth health, LivePacing live, Instant at) {
    }

    private final SenderRegistryService registry;
    private final BudgetRepository budgets;
    private final DeferredQueryRepository deferred;
    private final ProjectionRepository projections;
    private final LiveSenderStats live;
    private final Duration budgetWindow;

    public SenderQuotas(SenderRegistryService registry, BudgetRepository budgets, DeferredQueryRepository deferred,
                        ProjectionRepository projections, LiveSenderStats live, DispatchConfig config) {
        this.registry = registry;
        this.budgets = budgets;
        this.deferred = deferred;
        this.projections = projections;
        this.live = live;
        this.budgetWindow = config.budget().window();
    }

    /** @throws dev.safesend.dispatch.domain.SenderNotFoundException when the registry has no such sender */
    public Facts of(String senderId) {
        Sender sender = registry.get(senderId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant midnight = now.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        BudgetRepository.Usage budget = budgets.portfolioSince(sender.portfolioId(), now.minus(budgetWindow));
        long newToday = budgets.senderSince(senderId, midnight).count();
        long waiting = deferred.countsByReason(senderId).values().stream().mapToLong(Long::longValue).sum();
        return new Facts(sender, budget, newToday, waiting, projections.senderHealth(senderId).orElse(null),
                live.live(senderId).orElse(null), now);
    }
}
