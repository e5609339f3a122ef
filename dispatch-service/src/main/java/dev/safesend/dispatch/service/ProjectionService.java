package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.ConsentSnapshot;
import dev.safesend.dispatch.domain.InboundMessage;
import dev.safesend.dispatch.domain.SenderHealth;
import dev.safesend.dispatch.repository.DeferralRepository;
import dev.safesend.dispatch.repository.ProjectionRepository;
import dev.safesend.servicekit.store.TransientStoreFailure;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps dispatch's view of consent, customer windows, sender health and campaigns current, for the gate. Every write
 * is idempotent and moves forward only, so each is retried through a database outage (connections lost in a PostgreSQL
 * restart, including the dead ones still pooled afterwards) instead of dead-lettering a record that was never bad.
 */
@ApplicationScoped
public class ProjectionService {

    private static final TransientStoreFailure TRANSIENT = new TransientStoreFailure();

    private final ProjectionRepository projections;
    private final DeferralRepository deferrals;
    private final Clock clock = Clock.systemUTC();

    public ProjectionService(ProjectionRepository projections, DeferralRepository deferrals) {
        this.projections = projections;
        this.deferrals = deferrals;
    }

    /**
     * What became of one snapshot of a batch: applied, ignored (stale or a duplicate: not newer than the version held or
     * than an earlier snapshot of the batch for the same phone), or failed with {@code failure}.
     */
    public record ConsentOutcome(boolean applied, RuntimeException failure) {

        static final ConsentOutcome APPLIED = new ConsentOutcome(true, null);
        static final ConsentOutcome IGNORED = new ConsentOutcome(false, null);

        static ConsentOutcome of(boolean applied) {
            return applied ? APPLIED : IGNORED;
        }
    }

    /**
     * Applies a batch of consent snapshots in one transaction (per phone the newest, when newer than the version held).
     * When that transaction fails, each snapshot is applied in a transaction of its own, so one that cannot be stored
     * fails alone and the others are kept. A failure that says the database is away ({@link TransientStoreFailure}) is
     * not a bad snapshot: the whole batch is retried with backoff until PostgreSQL is back, holding the partition in
     * order, because a STOP dead-lettered here would leave the recipient opted in for the gate.
     *
     * @return one outcome per snapshot, in order
     */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 200, jitter = 100)
    @ExponentialBackoff(maxDelay = 10_000)
    @RetryWhen(exception = TransientStoreFailure.class)
    public List<ConsentOutcome> applyConsents(List<ConsentSnapshot> batch) {
        List<ConsentOutcome> outcomes = new ArrayList<>(batch.size());
        try {
            boolean[] applied = projections.applyConsents(batch);
            for (boolean a : applied) {
                outcomes.add(ConsentOutcome.of(a));
            }
            Log.debugf("consent batch of %d: %d applied", batch.size(), outcomes.stream().filter(ConsentOutcome::applied).count());
            return outcomes;
        } catch (RuntimeException batchFailure) {
            if (TRANSIENT.test(batchFailure)) {
                throw batchFailure;
            }
            Log.warnf("consent batch of %d failed (%s); applying its snapshots one at a time", batch.size(), batchFailure.getMessage());
        }
        for (ConsentSnapshot snapshot : batch) {
            try {
                outcomes.add(ConsentOutcome.of(projections.applyConsents(List.of(snapshot))[0]));
            } catch (RuntimeException e) {
                if (TRANSIENT.test(e)) {
                    throw e;
                }
                outcomes.add(new ConsentOutcome(false, e));
            }
        }
        return outcomes;
    }

    /** A tombstone for {@code phone} (after a GDPR erase): dispatch keeps nothing of its consent. Retried like a batch. */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 200, jitter = 100)
    @ExponentialBackoff(maxDelay = 10_000)
    @RetryWhen(exception = TransientStoreFailure.class)
    public boolean forgetConsent(String phone) {
        boolean forgotten = projections.forgetConsent(phone);
        Log.info("consent of an erased phone forgotten (its tombstone on wa.consent-changes.v1)");
        return forgotten;
    }

    @Retry(maxRetries = -1, maxDuration = 0, delay = 200, jitter = 100)
    @ExponentialBackoff(maxDelay = 10_000)
    @RetryWhen(exception = TransientStoreFailure.class)
    public void recordInbound(List<InboundMessage> messages) {
        if (!messages.isEmpty()) {
            projections.recordInbound(messages);
        }
    }

    @Retry(maxRetries = -1, maxDuration = 0, delay = 200, jitter = 100)
    @ExponentialBackoff(maxDelay = 10_000)
    @RetryWhen(exception = TransientStoreFailure.class)
    public void applySenderHealth(SenderHealth health) {
        projections.applySenderHealth(health);
        Log.infof("sender health senderId=%s state=%s throttle=%.2f reasons=%s", health.senderId(), health.state(),
                health.throttleFactor(), health.reasons());
    }

    /**
     * Projects a campaign's lifecycle event. When the campaign is not paused afterwards (resumed, started, cancelled…),
     * the messages held for its pause become due at once, so a resume sends them and a cancel suppresses them within
     * the deferral relay's next round rather than at their next re-check. Both steps are idempotent, so the pair is
     * retried together through a database outage and a redelivered event changes nothing.
     */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 200, jitter = 100)
    @ExponentialBackoff(maxDelay = 10_000)
    @RetryWhen(exception = TransientStoreFailure.class)
    public void applyCampaignState(String campaignId, String state, Instant at) {
        projections.applyCampaignState(campaignId, state, at);
        int released = "PAUSED".equals(state) ? 0 : deferrals.releaseCampaignHold(campaignId, clock.instant());
        Log.infof("campaign campaignId=%s state=%s; %d held messages released", campaignId, state, released);
    }
}
