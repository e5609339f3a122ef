package dev.safesend.ingest.service;

import dev.safesend.ingest.client.DispatchClient;
import dev.safesend.ingest.client.ServiceToken;
import dev.safesend.ingest.config.IngestConfig;
import dev.safesend.ingest.domain.campaign.CampaignForecast;
import dev.safesend.ingest.domain.campaign.SendWindow;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a campaign's senders can take, as dispatch-service says (each number's messages per second times its health
 * throttle, and the portfolio's unique-recipient budget: used, the limit the gate applies, the rolling window and when
 * the oldest counted opening leaves it), read through a short cache. When dispatch does not answer, Meta's default
 * throughput and no budget are assumed, and the answer says so.
 */
@ApplicationScoped
public class SenderCapacity {

    /**
     * The pool's combined rate, the tightest portfolio budget among its numbers (the one with least left;
     * {@link CampaignForecast.Budget#NONE} when none), and the quiet hours dispatch applies to marketing (the first
     * sender's; null when dispatch did not say).
     */
    public record Capacity(double messagesPerSecond, CampaignForecast.Budget budget, boolean fromDispatch, SendWindow quietHours) {

        /** What is left of the budget (Long.MAX_VALUE: none). */
        public long budgetLeft() {
            return budget.left();
        }
    }

    private record Cached(DispatchClient.Quota quota, SendWindow quiet, Instant readAt) {
    }

    private final DispatchClient dispatch;
    private final IngestConfig config;
    private final ServiceToken token;
    private final Clock clock;
    private final SenderPools pools;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SenderCapacity(@RestClient DispatchClient dispatch, IngestConfig config, ServiceToken token, Clock clock, SenderPools pools) {
        this.dispatch = dispatch;
        this.config = config;
        this.token = token;
        this.clock = clock;
        this.pools = pools;
    }

    /** The senders of a project's pool ({@link SenderPools}). */
    public List<String> pool(String project) {
        return pools.of(project);
    }

    public Capacity of(List<String> senders) {
        double rate = 0;
        CampaignForecast.Budget tightest = CampaignForecast.Budget.NONE;
        boolean all = true;
        SendWindow quiet = null;
        for (String sender : senders) {
            Cached cached = read(sender);
            DispatchClient.Quota q = cached.quota();
            if (quiet == null) {
                quiet = cached.quiet();
            }
            if (q == null) {
                all = false;
                rate += config.campaigns().defaultSenderRate();
                continue;
            }
            double throttle = q.health() == null ? 1.0 : q.health().throttleFactor();
            rate += q.state() != null && q.state().equals("PAUSED") ? 0 : q.messagesPerSecond() * throttle;
            CampaignForecast.Budget budget = budget(q.budget(), cached.readAt());
            if (budget.left() < tightest.left()) {
                tightest = budget;
            }
        }
        return new Capacity(rate, tightest, all, quiet);
    }

    /** dispatch's budget view as the forecast replays it: the limit the gate applies (the tier), not the registry's. */
    static CampaignForecast.Budget budget(DispatchClient.Budget b, Instant readAt) {
        if (b == null || b.limit() == null) {
            return CampaignForecast.Budget.NONE;
        }
        Duration window = CampaignForecast.META_BUDGET_WINDOW;
        if (b.window() != null) {
            try {
                window = Duration.parse(b.window());
            } catch (DateTimeParseException e) {
                Log.debugf("dispatch's budget window %s is not ISO-8601; 24 h assumed", b.window());
            }
        }
        return new CampaignForecast.Budget(b.usedLast24h(), b.limit(), window, b.freesAt(), readAt);
    }

    private Cached read(String sender) {
        Instant now = clock.instant();
        Cached c = cache.get(sender);
        if (c != null && c.readAt().plus(config.campaigns().senderInfoTtl()).isAfter(now)) {
            return c;
        }
        try {
            DispatchClient.Quota q = dispatch.quota(sender, token.authorization());
            DispatchClient.Sender s = dispatch.sender(sender, token.authorization());
            SendWindow quiet = s.quietHoursStart() == null || s.quietHoursEnd() == null ? null
                    : new SendWindow(LocalTime.parse(s.quietHoursStart()), LocalTime.parse(s.quietHoursEnd()));
            Cached read = new Cached(q, quiet, now);
            cache.put(sender, read);
            return read;
        } catch (RuntimeException e) {
            Log.debugf("dispatch did not say sender %s's quota: %s", sender, e.getMessage());
            Cached none = new Cached(null, null, now);
            cache.put(sender, none);
            return none;
        }
    }
}
