package dev.safesend.healthmonitor.service;

import dev.safesend.healthmonitor.client.CloudApiClient;
import dev.safesend.healthmonitor.client.DispatchClient;
import dev.safesend.healthmonitor.config.HealthMonitorConfig;
import dev.safesend.healthmonitor.repository.HealthRepository;
import dev.safesend.healthmonitor.repository.SenderHealthEntity;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads what the monitor learns by asking rather than listening: the sender registry from dispatch (each number's
 * WABA, portfolio, display number and project) and each number's quality rating from Meta's Graph API (Meta's webhooks carry
 * flags and limits, not the GREEN/YELLOW/RED rating itself). Either being away only delays what it would tell.
 */
@ApplicationScoped
public class ExternalFacts {

    private final DispatchClient dispatch;
    private final CloudApiClient meta;
    private final SenderFactsService facts;
    private final HealthRepository repository;
    private final HealthMonitorConfig config;
    private final Clock clock;
    private volatile Instant lastQualityRead = Instant.EPOCH;
    /** Portfolio → whether it has used 90% or more of its 24 h budget, as dispatch counted at the last registry read. */
    private final java.util.Map<String, Boolean> budgetNearlyUsed = new java.util.concurrent.ConcurrentHashMap<>();

    public ExternalFacts(@RestClient DispatchClient dispatch, @RestClient CloudApiClient meta, SenderFactsService facts,
                         HealthRepository repository, HealthMonitorConfig config, Clock clock) {
        this.dispatch = dispatch;
        this.meta = meta;
        this.facts = facts;
        this.repository = repository;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${safesend.health-monitor.registry-every:30s}", delay = 2, delayUnit = TimeUnit.SECONDS, concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void readRegistry() {
        try {
            String cursor = null;
            int n = 0;
            do {
                DispatchClient.Page page = dispatch.senders(200, cursor, authorization());
                java.util.Set<String> portfolios = new java.util.HashSet<>();
                for (DispatchClient.Sender s : page.items()) {
                    facts.registered(s.senderId(), s.wabaId(), s.portfolioId(), s.displayNumber(), s.project());
                    n++;
                    if (s.portfolioId() != null && portfolios.add(s.portfolioId())) {
                        budget(s.senderId()).ifPresent(b -> budgetNearlyUsed.put(s.portfolioId(),
                                b.limit() != null && b.limit() > 0 && b.usedLast24h() >= 0.9 * b.limit()));
                    }
                }
                cursor = page.nextCursor();
            } while (cursor != null);
            Log.debugf("sender registry read: %d numbers", n);
        } catch (RuntimeException e) {
            Log.warnf("dispatch's sender registry could not be read (kept what is known): %s", e.getMessage());
        }
    }

    /** Runs every second; reads the ratings once per {@code quality-every}. */
    @Scheduled(every = "1s", delay = 3, delayUnit = TimeUnit.SECONDS, concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void readQuality() {
        Instant now = clock.instant();
        if (config.qualityEvery().isZero() || now.isBefore(lastQualityRead.plus(config.qualityEvery()))) {
            return;
        }
        lastQualityRead = now;
        List<SenderHealthEntity> senders = repository.senders();
        for (SenderHealthEntity s : senders) {
            try {
                CloudApiClient.PhoneNumber number = meta.phoneNumber(config.graphVersion(), s.senderId, "quality_rating",
                        "Bearer " + config.metaAccessToken());
                if (number != null && number.qualityRating() != null && !number.qualityRating().equalsIgnoreCase(String.valueOf(s.quality))) {
                    facts.quality(s.senderId, number.qualityRating());
                    Log.infof("sender %s: Meta rates its quality %s", s.senderId, number.qualityRating());
                }
            } catch (RuntimeException e) {
                Log.debugf("quality of %s could not be read: %s", s.senderId, e.getMessage());
            }
        }
    }

    /** True when the portfolio had used 90% or more of its tier's budget at the last registry read. */
    public boolean budgetNearlyUsed(String portfolioId) {
        return portfolioId != null && budgetNearlyUsed.getOrDefault(portfolioId, false);
    }

    /** The portfolio's unique recipients in the last 24 h against its budget, from dispatch; empty when unknown. */
    public Optional<DispatchClient.Budget> budget(String senderId) {
        try {
            DispatchClient.Quota q = dispatch.quota(senderId, authorization());
            return Optional.ofNullable(q == null ? null : q.budget());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private String authorization() {
        return config.serviceToken().filter(t -> !t.isBlank()).map(t -> "Bearer " + t).orElse(null);
    }
}
