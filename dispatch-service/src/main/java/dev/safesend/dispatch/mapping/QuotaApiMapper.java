package dev.safesend.dispatch.mapping;

import dev.safesend.dispatch.config.DispatchConfig;
import dev.safesend.dispatch.domain.LivePacing;
import dev.safesend.dispatch.domain.Sender;
import dev.safesend.dispatch.domain.SenderHealth;
import dev.safesend.dispatch.domain.gate.WarmupRamp;
import dev.safesend.dispatch.repository.BudgetRepository;
import dev.safesend.dispatch.rest.QuotaBody;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/** A sender's limits, counts and live pacing → the quota view. */
@ApplicationScoped
public class QuotaApiMapper {

    private final Duration budgetWindow;

    public QuotaApiMapper(DispatchConfig config) {
        this.budgetWindow = config.budget().window();
    }

    /**
     * @param budget           the portfolio's conversations opened in the window (safesend.dispatch.budget.window) before {@code now}
     * @param newRecipientsToday the number's new recipients since midnight UTC
     */
    public QuotaBody toBody(Sender sender, BudgetRepository.Usage budget, long newRecipientsToday, long deferred,
                            SenderHealth health, LivePacing live, Instant now) {
        Long limit = sender.portfolioLimitUnder(health); // what the gate applies: the health decision's tier, else the registry's
        QuotaBody.Budget b = new QuotaBody.Budget(budget.count(), limit,
                limit == null ? null : Math.max(0, limit - budget.count()),
                budget.oldest() == null ? null : budget.oldest().plus(budgetWindow), budgetWindow.toString());
        long allowance = new WarmupRamp(sender.warmupDailyByWeek()).dailyAllowance(sender.warmupStart(), now);
        boolean ramping = allowance != Long.MAX_VALUE;
        QuotaBody.Warmup w = new QuotaBody.Warmup(sender.warmupStart(), sender.warmupDailyByWeek(), ramping ? allowance : null,
                newRecipientsToday, ramping ? Math.max(0, allowance - newRecipientsToday) : null, WarmupRamp.nextReset(now));
        QuotaBody.Health h = health == null ? null
                : new QuotaBody.Health(health.state(), health.throttleFactor(), health.reasons(), health.until(), health.changedAt());
        QuotaBody.Live l = live == null ? null
                : new QuotaBody.Live(live.configuredRate(), live.currentRate(), live.throttleFactor(), live.urgentQueued(),
                        live.bulkQueued(), live.inFlight(), live.backingOffUntil() > 0 ? Instant.ofEpochMilli(live.backingOffUntil()) : null);
        return new QuotaBody(sender.senderId(), sender.state().name(), sender.pauseReason(), sender.messagesPerSecond(),
                sender.portfolioId(), sender.portfolioDailyUniqueLimit(), b, w, deferred, h, l, now);
    }
}
