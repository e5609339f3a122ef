package dev.safesend.ingest.service;

import dev.safesend.ingest.client.ConsentSegments;
import dev.safesend.ingest.client.DispatchClient;
import dev.safesend.ingest.config.IngestConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a campaign's senders can take, as dispatch-service says (each number's messages per second times its health
 * throttle, and the portfolio's unique-recipient budget), read through a short cache. When dispatch does not answer,
 * Meta's default throughput and no budget are assumed, and the answer says so.
 */
@ApplicationScoped
public class SenderCapacity {

    /** The pool's combined rate, and the tightest portfolio budget among its numbers (Long.MAX_VALUE: none). */
    public record Capacity(double messagesPerSecond, long budgetLeft, long budgetPerDay, boolean fromDispatch) {
    }

    private record Cached(DispatchClient.Quota quota, Instant readAt) {
    }

    private final DispatchClient dispatch;
    private final IngestConfig config;
    private final ConsentSegments tokens;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SenderCapacity(@RestClient DispatchClient dispatch, IngestConfig config, ConsentSegments tokens, Clock clock) {
        this.dispatch = dispatch;
        this.config = config;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The senders of a project's pool. */
    public List<String> pool(String project) {
        return config.routing().pools().getOrDefault(project, config.routing().defaultPool());
    }

    public Capacity of(List<String> senders) {
        double rate = 0;
        long left = Long.MAX_VALUE;
        long perDay = Long.MAX_VALUE;
        boolean all = true;
        for (String sender : senders) {
            DispatchClient.Quota q = quota(sender);
            if (q == null) {
                all = false;
                rate += config.campaigns().defaultSenderRate();
                continue;
            }
            double throttle = q.health() == null ? 1.0 : q.health().throttleFactor();
            rate += q.state() != null && q.state().equals("PAUSED") ? 0 : q.messagesPerSecond() * throttle;
            if (q.budget() != null && q.budget().left() != null) {
                left = Math.min(left, q.budget().left());
            }
            if (q.portfolioDailyUniqueLimit() != null) {
                perDay = Math.min(perDay, q.portfolioDailyUniqueLimit());
            }
        }
        return new Capacity(rate, left, perDay, all);
    }

    private DispatchClient.Quota quota(String sender) {
        Instant now = clock.instant();
        Cached c = cache.get(sender);
        if (c != null && c.readAt().plus(config.campaigns().senderInfoTtl()).isAfter(now)) {
            return c.quota();
        }
        try {
            DispatchClient.Quota q = dispatch.quota(sender, tokens.authorization());
            cache.put(sender, new Cached(q, now));
            return q;
        } catch (RuntimeException e) {
            Log.debugf("dispatch did not say sender %s's quota: %s", sender, e.getMessage());
            cache.put(sender, new Cached(null, now));
            return null;
        }
    }
}
