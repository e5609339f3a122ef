package dev.safesend.ingest.repository;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The limiter's counters on Redis: a project's messages per day and per month, and a client's requests in the
 * current second. Every change is one Lua script, atomic on the server. Keys expire a day after their period, so
 * nothing here is kept for long; PostgreSQL holds the truth (accepted_message) and re-seeds a lost day or month.
 * Every method throws {@link CountersUnavailableException} when Redis does not answer.
 */
@ApplicationScoped
public class LimitCounters {

    static final String PREFIX = "safesend:ingest:";

    /**
     * KEYS: day, month. ARGV: n, day limit, month limit (-1: none). Answers {status, day count, month count}: status 0
     * counted, 1 over the day's limit, 2 over the month's (nothing counted), -1 a key is missing (seed it first).
     */
    private static final String RESERVE = """
            local d = redis.call('GET', KEYS[1])
            local m = redis.call('GET', KEYS[2])
            if not d or not m then return {-1, 0, 0} end
            d = tonumber(d); m = tonumber(m)
            local n = tonumber(ARGV[1])
            local dl = tonumber(ARGV[2]); local ml = tonumber(ARGV[3])
            if n > 0 and dl >= 0 and d + n > dl then return {1, d, m} end
            if n > 0 and ml >= 0 and m + n > ml then return {2, d, m} end
            if n ~= 0 then
              d = redis.call('INCRBY', KEYS[1], n)
              m = redis.call('INCRBY', KEYS[2], n)
            end
            return {0, d, m}
            """;

    /** KEYS: any. ARGV: n. Adds n to each key that exists (a missing key is re-seeded from PostgreSQL later). */
    private static final String ADD_IF_PRESENT = """
            for i, k in ipairs(KEYS) do
              if redis.call('EXISTS', k) == 1 then redis.call('INCRBY', k, ARGV[1]) end
            end
            return 0
            """;

    /** KEYS: the client's second. Answers the requests counted in it, this one included. */
    private static final String HIT = """
            local c = redis.call('INCR', KEYS[1])
            if c == 1 then redis.call('EXPIRE', KEYS[1], 2) end
            return c
            """;

    private final RedisDataSource redis;

    public LimitCounters(RedisDataSource redis) {
        this.redis = redis;
    }

    /** What {@link #reserve} answered. */
    public record Reserved(int status, long day, long month) {
        public static final int COUNTED = 0;
        public static final int OVER_DAY = 1;
        public static final int OVER_MONTH = 2;
        public static final int NOT_SEEDED = -1;
    }

    public static String quotaKey(String project, String bucket) {
        return PREFIX + "quota:" + project + ":" + bucket;
    }

    /** Counts {@code n} messages in both periods when neither limit (-1: none) would be passed; n may be negative (a refund). */
    public Reserved reserve(String dayKey, String monthKey, long n, long dayLimit, long monthLimit) {
        Response r = call("EVAL", RESERVE, "2", dayKey, monthKey, Long.toString(n), Long.toString(dayLimit), Long.toString(monthLimit));
        return new Reserved(r.get(0).toInteger(), r.get(1).toLong(), r.get(2).toLong());
    }

    /** Sets a period's count unless it exists (another instance seeded it first), expiring {@code ttlSeconds} from now. */
    public void seed(String key, long count, long ttlSeconds) {
        call("SET", key, Long.toString(count), "NX", "EX", Long.toString(ttlSeconds));
    }

    /** Adds {@code n} to the keys that exist (what an instance accepted while Redis was down). */
    public void addIfPresent(List<String> keys, long n) {
        List<String> args = new ArrayList<>();
        args.add(ADD_IF_PRESENT);
        args.add(Integer.toString(keys.size()));
        args.addAll(keys);
        args.add(Long.toString(n));
        call("EVAL", args.toArray(String[]::new));
    }

    /** The count of a period, or -1 when Redis has none. */
    public long read(String key) {
        Response r = call("GET", key);
        return r == null ? -1 : r.toLong();
    }

    /** Counts one request of {@code client} in second {@code epochSecond}; answers the count so far. */
    public long hit(String client, long epochSecond) {
        return call("EVAL", HIT, "1", PREFIX + "rate:" + client + ":" + epochSecond).toLong();
    }

    /** Whether Redis answers PING. */
    public boolean ping() {
        try {
            call("PING");
            return true;
        } catch (CountersUnavailableException e) {
            return false;
        }
    }

    private Response call(String command, String... args) {
        try {
            return redis.execute(command, args);
        } catch (RuntimeException e) {
            throw new CountersUnavailableException(command, e);
        }
    }

    /** Redis did not answer (down, unreachable or timed out). */
    public static class CountersUnavailableException extends RuntimeException {
        public CountersUnavailableException(String command, Throwable cause) {
            super("Redis did not answer " + command + ": " + cause.getMessage(), cause);
        }
    }
}
