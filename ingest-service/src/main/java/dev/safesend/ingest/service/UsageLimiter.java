package dev.safesend.ingest.service;

import dev.safesend.ingest.config.TenancyConfig;
import dev.safesend.ingest.domain.project.Project;
import dev.safesend.ingest.domain.project.QuotaExceededException;
import dev.safesend.ingest.domain.project.QuotaPeriod;
import dev.safesend.ingest.domain.project.RateLimitedException;
import dev.safesend.ingest.domain.project.Usage;
import dev.safesend.ingest.repository.LimitCounters;
import dev.safesend.ingest.repository.LimitCounters.CountersUnavailableException;
import dev.safesend.ingest.repository.LimitCounters.Reserved;
import dev.safesend.ingest.repository.ProjectRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Quotas per project (messages per UTC day and month) and rate limits per client (requests per second), counted on
 * Redis with atomic Lua scripts so every instance sees one count.
 *
 * <p>When Redis does not answer, the limiter decides locally and says so (metric {@value #REDIS_AVAILABLE} = 0, the
 * readiness data of "Usage limiter", one WARN line at each change): a project with a quota is checked against
 * PostgreSQL's count of its accepted messages, read again every {@code fallback-refresh}, plus what this instance
 * accepted since that read; a project without quotas goes on; a client's rate is limited per instance. What was
 * accepted meanwhile is added to Redis's counters when Redis answers again, and a counter Redis lost is seeded from
 * PostgreSQL. So the limit is never silently dropped, and an outage of Redis does not stop the send path.
 */
@ApplicationScoped
public class UsageLimiter {

    public static final String REDIS_AVAILABLE = "ingest.limiter.redis.available";
    public static final String DECISIONS = "ingest.limiter.decisions";
    private static final long KEY_SLACK_SECONDS = 86_400;
    private static final int MAX_LOCAL_CLIENTS = 10_000;

    private final LimitCounters counters;
    private final ProjectRepository projects;
    private final TenancyConfig config;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean redisUp = new AtomicBoolean(true);
    private volatile long retryRedisAt;
    /** Per quota key: what this instance counted while Redis was down (added to Redis when it is back). */
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    /** Per project and period, while Redis is down: PostgreSQL's count, when it was read, and this instance's since. */
    private final Map<String, LocalCount> local = new ConcurrentHashMap<>();
    private final Map<String, long[]> localRates = new ConcurrentHashMap<>();

    private static final class LocalCount {
        long base;
        long readAtMillis;
        long since;
    }

    public UsageLimiter(LimitCounters counters, ProjectRepository projects, TenancyConfig config, MeterRegistry metrics) {
        this.counters = counters;
        this.projects = projects;
        this.config = config;
        this.metrics = metrics;
        metrics.gauge(REDIS_AVAILABLE, redisUp, up -> up.get() ? 1 : 0);
    }

    /** Whether the last call to Redis succeeded (false: the limiter decides locally). */
    public boolean redisAvailable() {
        return redisUp.get();
    }

    // ---- rate limit ----

    /** Counts one request of {@code client}; refuses it when the client is over its requests per second. */
    public void admitRequest(String client) {
        int limit = config.rateLimit().clients().getOrDefault(client, config.rateLimit().requestsPerSecond());
        if (limit <= 0) {
            return;
        }
        long second = clock.millis() / 1000;
        long count;
        String mode = "redis";
        if (useRedis()) {
            try {
                count = counters.hit(client, second);
            } catch (CountersUnavailableException e) {
                redisFailed(e);
                count = localHit(client, second);
                mode = "local";
            }
        } else {
            count = localHit(client, second);
            mode = "local";
        }
        boolean refused = count > limit;
        metrics.counter(DECISIONS, "kind", "rate", "mode", mode, "outcome", refused ? "refused" : "allowed").increment();
        if (refused) {
            throw new RateLimitedException(client, limit);
        }
    }

    private long localHit(String client, long second) {
        if (localRates.size() >= MAX_LOCAL_CLIENTS) {
            localRates.clear();
        }
        return localRates.compute(client, (k, w) -> w == null || w[0] != second ? new long[] {second, 1} : new long[] {second, w[1] + 1})[1];
    }

    // ---- quotas ----

    /**
     * Counts {@code n} messages of {@code project} in its day and month; refuses them all when either quota would be
     * passed. Answers the reservation to settle once it is known how many were accepted.
     *
     * @throws QuotaExceededException nothing was counted
     */
    public Reservation reserve(Project project, int n) {
        Instant now = clock.instant();
        if (n <= 0) {
            return new Reservation(this, project, now, 0, false);
        }
        if (useRedis()) {
            try {
                reserveOnRedis(project, now, n);
                count(project, "redis", "allowed");
                return new Reservation(this, project, now, n, false);
            } catch (CountersUnavailableException e) {
                redisFailed(e);
            }
        }
        reserveLocally(project, now, n);
        count(project, "local", "allowed");
        return new Reservation(this, project, now, n, true);
    }

    private void count(Project project, String mode, String outcome) {
        metrics.counter(DECISIONS, "kind", "quota", "mode", mode, "outcome", outcome).increment();
    }

    private void reserveOnRedis(Project project, Instant now, long n) {
        String day = key(project.id(), QuotaPeriod.DAY, now);
        String month = key(project.id(), QuotaPeriod.MONTH, now);
        Reserved r = counters.reserve(day, month, n, limit(project, QuotaPeriod.DAY), limit(project, QuotaPeriod.MONTH));
        if (r.status() == Reserved.NOT_SEEDED) {
            seed(project.id(), now);
            r = counters.reserve(day, month, n, limit(project, QuotaPeriod.DAY), limit(project, QuotaPeriod.MONTH));
        }
        if (r.status() == Reserved.OVER_DAY || r.status() == Reserved.OVER_MONTH) {
            QuotaPeriod p = r.status() == Reserved.OVER_DAY ? QuotaPeriod.DAY : QuotaPeriod.MONTH;
            count(project, "redis", "refused");
            throw new QuotaExceededException(project.id(), p, project.quotas().limit(p),
                    p == QuotaPeriod.DAY ? r.day() : r.month(), p.secondsToNext(now));
        }
        if (r.status() != Reserved.COUNTED) {
            throw new CountersUnavailableException("EVAL", new IllegalStateException("counters lost while seeding"));
        }
    }

    /** Sets a period's counter Redis does not have (first use, expiry, a restart of Redis) from PostgreSQL's count. */
    private void seed(String project, Instant now) {
        for (QuotaPeriod p : QuotaPeriod.values()) {
            counters.seed(key(project, p, now), projects.acceptedSince(project, p.start(now)), p.secondsToNext(now) + KEY_SLACK_SECONDS);
        }
    }

    private synchronized void reserveLocally(Project project, Instant now, long n) {
        long nowMillis = now.toEpochMilli();
        Map<QuotaPeriod, LocalCount> periods = new HashMap<>();
        for (QuotaPeriod p : QuotaPeriod.values()) {
            Long limit = project.quotas().limit(p);
            if (limit == null) {
                continue;
            }
            LocalCount c = local.computeIfAbsent(project.id() + ":" + p.bucket(now), k -> new LocalCount());
            if (nowMillis - c.readAtMillis >= config.redis().fallbackRefresh().toMillis()) {
                c.base = projects.acceptedSince(project.id(), p.start(now));
                c.since = 0;
                c.readAtMillis = nowMillis;
            }
            if (c.base + c.since + n > limit) {
                count(project, "local", "refused");
                throw new QuotaExceededException(project.id(), p, limit, c.base + c.since, p.secondsToNext(now));
            }
            periods.put(p, c);
        }
        periods.values().forEach(c -> c.since += n);
        addPending(project.id(), now, n);
    }

    private synchronized void refundLocally(String project, Instant at, long n) {
        for (QuotaPeriod p : QuotaPeriod.values()) {
            LocalCount c = local.get(project + ":" + p.bucket(at));
            if (c != null) {
                c.since = Math.max(0, c.since - n);
            }
        }
        addPending(project, at, -n);
    }

    private void addPending(String project, Instant at, long n) {
        for (QuotaPeriod p : QuotaPeriod.values()) {
            pending.merge(key(project, p, at), n, Long::sum);
        }
    }

    /** Gives back {@code n} messages counted at {@code at} that were not accepted (refused, replayed, failed). */
    void refund(Project project, Instant at, long n, boolean counterWasLocal) {
        if (n <= 0) {
            return;
        }
        if (!counterWasLocal && useRedis()) {
            try {
                counters.reserve(key(project.id(), QuotaPeriod.DAY, at), key(project.id(), QuotaPeriod.MONTH, at), -n, -1, -1);
                return;
            } catch (CountersUnavailableException e) {
                redisFailed(e);
            }
        }
        refundLocally(project.id(), at, n);
    }

    /** A project's use of its quotas now: from Redis, or from PostgreSQL when Redis is down or has no count. */
    public Usage usage(Project project) {
        Instant now = clock.instant();
        Long[] used = new Long[2];
        boolean fromRedis = false;
        if (useRedis()) {
            try {
                long d = counters.read(key(project.id(), QuotaPeriod.DAY, now));
                long m = counters.read(key(project.id(), QuotaPeriod.MONTH, now));
                if (d < 0 || m < 0) {
                    seed(project.id(), now);
                    d = counters.read(key(project.id(), QuotaPeriod.DAY, now));
                    m = counters.read(key(project.id(), QuotaPeriod.MONTH, now));
                }
                if (d >= 0 && m >= 0) {
                    used[0] = d;
                    used[1] = m;
                    fromRedis = true;
                }
            } catch (CountersUnavailableException e) {
                redisFailed(e);
            }
        }
        if (!fromRedis) {
            used[0] = projects.acceptedSince(project.id(), QuotaPeriod.DAY.start(now));
            used[1] = projects.acceptedSince(project.id(), QuotaPeriod.MONTH.start(now));
        }
        return new Usage(project.id(),
                new Usage.Period(QuotaPeriod.DAY.bucket(now), used[0], project.quotas().messagesPerDay(), QuotaPeriod.DAY.next(now)),
                new Usage.Period(QuotaPeriod.MONTH.bucket(now), used[1], project.quotas().messagesPerMonth(), QuotaPeriod.MONTH.next(now)),
                fromRedis ? "redis" : "postgresql");
    }

    // ---- Redis up or down ----

    private boolean useRedis() {
        if (redisUp.get()) {
            return true;
        }
        return System.currentTimeMillis() >= retryRedisAt && recover();
    }

    /**
     * Redis was down and may answer again: first adds what this instance counted meanwhile to the counters Redis
     * still has (one it lost is seeded from PostgreSQL, which holds those messages), then counts on Redis again.
     */
    private synchronized boolean recover() {
        if (redisUp.get()) {
            return true;
        }
        try {
            for (String key : List.copyOf(pending.keySet())) {
                Long n = pending.get(key);
                if (n != null && n != 0) {
                    counters.addIfPresent(List.of(key), n);
                }
                pending.remove(key);
            }
            if (!counters.ping()) {
                throw new CountersUnavailableException("PING", new IllegalStateException("no answer"));
            }
        } catch (CountersUnavailableException e) {
            redisFailed(e);
            return false;
        }
        local.clear();
        redisUp.set(true);
        Log.info("Redis answers again: quotas and rates are counted on Redis");
        return true;
    }

    private void redisFailed(CountersUnavailableException e) {
        retryRedisAt = System.currentTimeMillis() + config.redis().retryInterval().toMillis();
        if (redisUp.compareAndSet(true, false)) {
            Log.warnf("Redis is unavailable (%s): quotas are checked against PostgreSQL's counts and rates per instance until it answers",
                    e.getMessage());
        }
    }


    private static long limit(Project project, QuotaPeriod period) {
        Long limit = project.quotas().limit(period);
        return limit == null ? -1 : limit;
    }

    private static String key(String project, QuotaPeriod period, Instant at) {
        return LimitCounters.quotaKey(project, period.bucket(at));
    }

    /**
     * Messages counted against a project's quotas for one request: {@link #accepted} says how many were accepted;
     * the rest (all of them if the request failed or replayed an earlier result) are given back on {@link #close}.
     */
    public static final class Reservation implements AutoCloseable {
        private final UsageLimiter limiter;
        private final Project project;
        private final Instant at;
        private final int reserved;
        private final boolean local;
        private int accepted;
        private boolean closed;

        Reservation(UsageLimiter limiter, Project project, Instant at, int reserved, boolean local) {
            this.limiter = limiter;
            this.project = project;
            this.at = at;
            this.reserved = reserved;
            this.local = local;
        }

        /** How many of the reserved messages were accepted now (a replay of an earlier result: 0). */
        public void accepted(int n) {
            accepted = Math.max(0, Math.min(reserved, n));
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                limiter.refund(project, at, reserved - accepted, local);
            }
        }
    }
}
