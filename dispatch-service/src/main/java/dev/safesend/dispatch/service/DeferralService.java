package dev.safesend.dispatch.service;

import dev.safesend.dispatch.repository.DeferralRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** Re-enters due deferred messages: whoever re-publishes them answers true once the re-entry is durable. */
@ApplicationScoped
public class DeferralService {

    private final DeferralRepository deferrals;
    private final Clock clock = Clock.systemUTC();

    public DeferralService(DeferralRepository deferrals) {
        this.deferrals = deferrals;
    }

    /** @return how many messages re-entered their lanes in this round */
    public int reenterDue(int limit, Predicate<List<DeferralRepository.Deferred>> republish) {
        Instant now = clock.instant();
        return deferrals.reenterDue(now, limit, republish);
    }
}
