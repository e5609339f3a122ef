package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.ConsentSnapshot;
import dev.safesend.dispatch.domain.ContactEngagement;
import dev.safesend.dispatch.domain.InboundMessage;
import dev.safesend.dispatch.domain.SenderHealth;
import dev.safesend.dispatch.repository.DeferralRepository;
import dev.safesend.dispatch.repository.ProjectionRepository;
import dev.safesend.dispatch.repository.SenderRepository;
import dev.safesend.servicekit.health.PausedCategories;
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
import java.util.function.Function;

/**
 * Keeps dispatch's view of consent, customer windows, sender health, contacts' engagement and campaigns current, for the gate. Every write
 * is idempotent and moves forward only, so each is retried through a database outage (connections lost in a PostgreSQL
 * restart, including the dead ones still pooled afterwards) instead of dead-lettering a record that was never bad.
 */
@ApplicationScoped
public class ProjectionService {

    private static final TransientStoreFailure TRANSIENT = new TransientStoreFailure();

    private final ProjectionRepository projections;
    private final DeferralRepository deferrals;
    private final SenderRepository senders;
    private final Clock clock = Clock.systemUTC();

    public ProjectionService(ProjectionRepository projections, DeferralRepository deferrals, SenderRepository senders) {
        this.projections = projections;
        this.deferrals = deferrals;
        this.senders = senders;
    }

    /**
     * What became of one record of a batch: applied, ignored (stale or a duplicate: not newer than the state held or
     * than an earlier record of the batch for the same key), or failed with {@code failure}.
     */
    public record Outcome(boolean applied, RuntimeException failure) {

        static final Outcome APPLIED = new Outcome(true, null);
        static final Outcome IGNORED = new Outcome(false, null);

        static Outcome of(boolean applied) {
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
    public List<Outcome> applyConsents(List<ConsentSnapshot> batch) {
        return inOneTransactionOrOneByOne("consent", batch, projections::applyConsents);
    }

    /**
     * Applies a batch of contacts' engagement states (wa.contact-engagement.v1) like a batch of consent snapshots: in one
     * transaction, per (project, contact) the newest when newer than the state held; one that cannot be stored fails
     * alone; retried through a database outage.
     *
     * @return one outcome per state, in order
     */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 200, jitter = 100)
    @ExponentialBackoff(maxDelay = 10_000)
    @RetryWhen(exception = TransientStoreFailure.class)
    public List<Outcome> applyEngagements(List<ContactEngagement> batch) {
        return inOneTransactionOrOneByOne("engagement", batch, projections::applyEngagements);
    }

    /** A tombstone for {@code project/contact} on wa.contact-engagement.v1: nothing is kept of that engagement. */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 200, jitter = 100)
    @ExponentialBackoff(maxDelay = 10_000)
    @RetryWhen(exception = TransientStoreFailure.class)
    public boolean forgetEngagement(String project, String contact) {
        return projections.forgetEngagement(project, contact);
    }

    /**
     * Applies a batch with {@code apply} in one go; when that fails for a reason other than the database being away, each
     * record is applied on its own, so one that cannot be stored fails alone and the others are kept. A transient failure
     * is thrown, for the caller's retry to hold the whole batch until PostgreSQL is back.
     */
    private static <T> List<Outcome> inOneTransactionOrOneByOne(String what, List<T> batch, Function<List<T>, boolean[]> apply) {
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        try {
            boolean[] applied = apply.apply(batch);
            for (boolean a : applied) {
                outcomes.add(Outcome.of(a));
            }
            Log.debugf("%s batch of %d: %d applied", what, batch.size(), outcomes.stream().filter(Outcome::applied).count());
            return outcomes;
        } catch (RuntimeException batchFailure) {
            if (TRANSIENT.test(batchFailure)) {
                throw batchFailure;
            }
            Log.warnf("%s batch of %d failed (%s); applying its records one at a time", what, batch.size(), batchFailure.getMessage());
        }
        for (T one : batch) {
            try {
                outcomes.add(Outcome.of(apply.apply(List.of(one))[0]));
            } catch (RuntimeException e) {
                if (TRANSIENT.test(e)) {
                    throw e;
                }
                outcomes.add(new Outcome(false, e));
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

    /**
     * Applies health-monitor's decision on a sender, unless a later one is held (then it changes nothing). An applied
     * decision also
     * <ul>
     *   <li>lifts the sender's automatic pause (dispatch's own, on 131048/368/131031) when it was taken after that pause:
     *       health-monitor has recorded the error then, and its decision rules; an operator's pause stays;</li>
     *   <li>makes the sender's held messages due at once where the decision no longer holds them (their category, their
     *       template, or the registry pause it lifted), so recovery is prompt rather than at the holds' next re-check.</li>
     * </ul>
     * Every step is idempotent, so the whole is retried through a database outage and a redelivered record changes
     * nothing.
     *
     * @return whether the decision was applied (false: older than the one held)
     */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 200, jitter = 100)
    @ExponentialBackoff(maxDelay = 10_000)
    @RetryWhen(exception = TransientStoreFailure.class)
    public boolean applySenderHealth(SenderHealth health) {
        if (!projections.applySenderHealth(health)) {
            Log.infof("sender health senderId=%s of %s ignored: a later decision is held", health.senderId(), health.changedAt());
            return false;
        }
        Instant now = clock.instant();
        boolean resumed = senders.find(health.senderId())
                .filter(s -> s.state() == dev.safesend.dispatch.domain.Sender.State.PAUSED && health.acknowledges(s.pauseReason()))
                .map(s -> senders.clearAutomaticPause(health.senderId(), health.changedAt())).orElse(false);
        List<String> categories = PausedCategories.CATEGORIES.stream().filter(c -> !health.holds(c)).toList();
        List<String> templates = deferrals.templateHolds(health.senderId(), now).stream()
                .filter(t -> health.heldTemplate(t.templateName(), t.templateLanguage()).isEmpty())
                .map(DeferralRepository.TemplateHold::messageId).toList();
        int released = deferrals.releaseHealthHolds(health.senderId(), categories, templates, now)
                + (resumed ? deferrals.releaseSenderHold(health.senderId(), now) : 0);
        Log.infof("sender health senderId=%s state=%s factor=%.2f reasons=%s tier=%s heldTemplates=%d%s; %d held messages released",
                health.senderId(), health.state(), health.throttleFactor(), health.reasons(), health.messagingTier(),
                health.heldTemplates().size(), resumed ? "; automatic pause lifted" : "", released);
        return true;
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
