package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.gate.WarmupRamp;
import dev.safesend.dispatch.repository.BudgetRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Unique-recipient counts the gate compares with Meta's limits: per portfolio over the rolling window
 * ({@code safesend.dispatch.budget.window}, Meta's 24 h) and per number since midnight UTC (warm-up). Read from the
 * store every few seconds and counted up locally in between, so every sender of a portfolio on this instance sees the
 * others' new recipients at once. Other instances' openings show up at the next re-read. A portfolio's count is also
 * re-read (at most once a second) once its oldest opening has left the window: the count is known to have fallen,
 * and the gate would otherwise hold messages until a time already past.
 */
final class PortfolioBudgets {

    /**
     * @param oldest  the earliest counted opening, null when none
     * @param freesAt when that opening leaves the window and frees a place (oldest + window), null when none
     */
    record Usage(long count, Instant oldest, Instant freesAt) {
    }

    private static final long ROLLED_REREAD_NANOS = Duration.ofSeconds(1).toNanos();

    private static final class Count {
        final long base;
        final Instant oldest;
        final long readAtNanos;
        final Instant since;
        final AtomicLong local = new AtomicLong();

        Count(BudgetRepository.Usage u, Instant since) {
            this.base = u.count();
            this.oldest = u.oldest();
            this.readAtNanos = System.nanoTime();
            this.since = since;
        }
    }

    private final BudgetRepository repository;
    private final Duration refresh;
    private final Duration window;
    private final ConcurrentHashMap<String, Count> portfolios = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Count> senders = new ConcurrentHashMap<>();

    /** @param window the portfolio budget's rolling window (Meta: 24 h) */
    PortfolioBudgets(BudgetRepository repository, Duration refresh, Duration window) {
        this.repository = repository;
        this.refresh = refresh;
        this.window = window;
    }

    Usage portfolio(String portfolioId, Instant now) {
        Count c = portfolios.get(portfolioId);
        boolean rolled = c != null && c.oldest != null && !now.isBefore(c.oldest.plus(window))
                && System.nanoTime() - c.readAtNanos >= ROLLED_REREAD_NANOS;
        if (rolled) {
            portfolios.remove(portfolioId, c);
        }
        Usage u = read(portfolios, portfolioId, now.minus(window), false, since -> repository.portfolioSince(portfolioId, since));
        return new Usage(u.count(), u.oldest(), u.oldest() == null ? null : u.oldest().plus(window));
    }

    Usage sender(String senderId, Instant now) {
        Instant midnight = WarmupRamp.nextReset(now).minus(Duration.ofDays(1));
        return read(senders, senderId, midnight, true, since -> repository.senderSince(senderId, since));
    }

    void opened(String portfolioId, String senderId, int n) {
        if (n > 0) {
            Count p = portfolios.get(portfolioId);
            if (p != null) {
                p.local.addAndGet(n);
            }
            Count s = senders.get(senderId);
            if (s != null) {
                s.local.addAndGet(n);
            }
        }
    }

    private Usage read(ConcurrentHashMap<String, Count> counts, String key, Instant since, boolean sinceIsFixed,
                       Function<Instant, BudgetRepository.Usage> load) {
        Count c = counts.get(key);
        boolean dayChanged = sinceIsFixed && c != null && !c.since.equals(since);
        if (c == null || dayChanged || System.nanoTime() - c.readAtNanos > refresh.toNanos()) {
            c = new Count(load.apply(since), since);
            counts.put(key, c);
        }
        return new Usage(c.base + c.local.get(), c.oldest, null);
    }
}
