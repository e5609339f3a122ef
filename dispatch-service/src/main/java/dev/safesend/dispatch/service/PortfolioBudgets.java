package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.gate.WarmupRamp;
import dev.safesend.dispatch.repository.BudgetRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Unique-recipient counts the gate compares with Meta's limits: per portfolio over the rolling 24 h and per
 * number since midnight UTC (warm-up). Read from the store every few seconds and counted up locally in
 * between, so every sender of a portfolio on this instance sees the others' new recipients at once. Other
 * instances' openings show up at the next re-read.
 */
final class PortfolioBudgets {

    /** @param oldest the earliest counted opening, null when none */
    record Usage(long count, Instant oldest) {
    }

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
    private final ConcurrentHashMap<String, Count> portfolios = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Count> senders = new ConcurrentHashMap<>();

    PortfolioBudgets(BudgetRepository repository, Duration refresh) {
        this.repository = repository;
        this.refresh = refresh;
    }

    Usage portfolio(String portfolioId, Instant now) {
        return read(portfolios, portfolioId, now.minus(Duration.ofHours(24)), false,
                since -> repository.portfolioSince(portfolioId, since));
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
        return new Usage(c.base + c.local.get(), c.oldest);
    }
}
