package dev.safesend.ingest.service;

import dev.safesend.ingest.domain.ContactEngagement;
import dev.safesend.ingest.repository.ContactEngagementRepository;
import dev.safesend.servicekit.store.TransientStoreFailure;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Keeps the newest engagement per (project, contact) from wa.contact-engagement.v1, for campaign forecasts. A batch is
 * written in one statement; when that fails for a reason of its own (not the database being away), each record is
 * written alone so only the one that cannot be stored fails. While the database is away ({@link TransientStoreFailure})
 * the whole call is retried with backoff, holding the consumer, instead of dead-lettering good records.
 */
@ApplicationScoped
public class ContactEngagementProjection {

    private static final TransientStoreFailure TRANSIENT = new TransientStoreFailure();

    /** What became of one record: applied (newer than the row held), ignored (not newer), or failed with a reason. */
    public record Outcome(boolean applied, RuntimeException failure) {
        static final Outcome APPLIED = new Outcome(true, null);
        static final Outcome IGNORED = new Outcome(false, null);
    }

    private final ContactEngagementRepository engagements;

    public ContactEngagementProjection(ContactEngagementRepository engagements) {
        this.engagements = engagements;
    }

    /** @return one outcome per record, in order (a record superseded by a newer one of the same batch is ignored) */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 200, jitter = 100)
    @ExponentialBackoff(maxDelay = 10_000)
    @RetryWhen(exception = TransientStoreFailure.class)
    public List<Outcome> apply(List<ContactEngagement> batch) {
        Outcome[] outcomes = new Outcome[batch.size()];
        Arrays.fill(outcomes, Outcome.IGNORED);
        List<Integer> newest = ContactEngagement.newestPerContact(batch);
        try {
            record(batch, newest, engagements.applyNewer(newest.stream().map(batch::get).toList()), outcomes);
            return List.of(outcomes);
        } catch (RuntimeException batchFailure) {
            if (TRANSIENT.test(batchFailure)) {
                throw batchFailure;
            }
            Log.warnf("engagement batch of %d failed (%s); writing its records one at a time", newest.size(), batchFailure.getMessage());
        }
        for (int i : newest) {
            try {
                record(batch, List.of(i), engagements.applyNewer(List.of(batch.get(i))), outcomes);
            } catch (RuntimeException e) {
                if (TRANSIENT.test(e)) {
                    throw e;
                }
                outcomes[i] = new Outcome(false, e);
            }
        }
        return List.of(outcomes);
    }

    /** A tombstone: nothing is kept of the contact's engagement with the project. */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 200, jitter = 100)
    @ExponentialBackoff(maxDelay = 10_000)
    @RetryWhen(exception = TransientStoreFailure.class)
    public boolean forget(ContactEngagement.Key key) {
        return engagements.forget(key.project(), key.contact());
    }

    private static void record(List<ContactEngagement> batch, List<Integer> indexes, Set<String> written, Outcome[] outcomes) {
        for (int i : indexes) {
            outcomes[i] = written.contains(batch.get(i).key()) ? Outcome.APPLIED : Outcome.IGNORED;
        }
    }
}
