package dev.safesend.dispatch.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How far the opt-out path has come, read from Kafka's own bookkeeping, so that the gate can tell whether a person's
 * latest consent may still be on its way to dispatch.
 * <p>
 * A person's STOP travels wa.inbound-messages.v1 → consent-service → wa.consent-changes.v1 → dispatch's projection.
 * consent-service commits its offset on the inbound topic only once the changes that offset's messages caused are
 * published. So when, after reading consent-service's committed offset C on an inbound partition, dispatch's projection
 * has applied wa.consent-changes.v1 up to the end offsets read after C, every message on that partition below C has
 * had its effect on the projection: C becomes that partition's <em>cleared</em> offset. A person whose latest inbound
 * message sits at or above the cleared offset of its partition may have just opted out: the gate holds business
 * messages to them. Nothing cleared yet (dispatch just started, consent-service never committed) holds everyone who
 * wrote: fail closed.
 * <p>
 * A reading whose projection has not yet caught up becomes the <em>candidate</em>, cleared by the first later reading
 * whose projection offsets reach its end offsets, so the cleared offsets advance under continuous load too.
 * <p>
 * The path is <em>behind</em> as a whole when dispatch itself has not read, for longer than {@code maxInboundDelay},
 * every inbound message that existed by then (it cannot know whom the unread ones concern: after a restart, or when
 * its inbound consumer stalls), or when no reading arrived for {@code staleAfter} (Kafka unreachable): business
 * messages are then held for everyone. "Read by then" uses the same candidate rule: dispatch has caught up with a
 * reading once its committed offsets on the inbound topic reach that reading's end offsets.
 */
public final class OptOutPathProgress {

    /**
     * One look at the path. The committed offsets must have been read before the end offsets.
     *
     * @param consentCommitted    consent-service's committed offsets on wa.inbound-messages.v1, by partition
     * @param windowsCommitted    dispatch's committed offsets on wa.inbound-messages.v1, by partition
     * @param projectionCommitted dispatch's committed offsets on wa.consent-changes.v1, by partition
     * @param inboundEnd          end offsets of wa.inbound-messages.v1, by partition
     * @param changesEnd          end offsets of wa.consent-changes.v1, by partition
     * @param at                  when the reading was taken
     */
    public record Reading(Map<Integer, Long> consentCommitted, Map<Integer, Long> windowsCommitted,
                          Map<Integer, Long> projectionCommitted, Map<Integer, Long> inboundEnd,
                          Map<Integer, Long> changesEnd, Instant at) {
    }

    /** Records not yet consumed per hop (sums over partitions) as of the latest reading; -1 before the first. */
    public record Lag(long consent, long projection, long windows) {
    }

    private final Duration maxInboundDelay;
    private final Duration staleAfter;
    private Map<Integer, Long> cleared; // null until the first reading whose changes dispatch has applied
    private Reading candidate;
    private Reading latest;
    private Reading windowsCandidate;
    private Instant windowsCaughtUpWith; // the time of the newest reading whose inbound messages dispatch has all read

    public OptOutPathProgress(Duration maxInboundDelay, Duration staleAfter) {
        this.maxInboundDelay = maxInboundDelay;
        this.staleAfter = staleAfter;
    }

    public synchronized void observe(Reading r) {
        if (windowsCandidate != null && reaches(r.windowsCommitted(), windowsCandidate.inboundEnd())) {
            windowsCaughtUpWith = windowsCandidate.at();
            windowsCandidate = null;
        }
        if (reaches(r.windowsCommitted(), r.inboundEnd())) {
            windowsCaughtUpWith = r.at();
        } else if (windowsCandidate == null) {
            windowsCandidate = r;
        }
        if (candidate != null && reaches(r.projectionCommitted(), candidate.changesEnd())) {
            clear(candidate.consentCommitted());
            candidate = null;
        }
        if (reaches(r.projectionCommitted(), r.changesEnd())) {
            clear(r.consentCommitted());
        } else if (candidate == null) {
            candidate = r;
        }
        latest = r;
    }

    /** True while a consent change caused by the inbound message at {@code offset} of {@code partition} may not have reached dispatch. */
    public synchronized boolean mayBeChanging(int partition, long offset) {
        return cleared == null || offset >= cleared.getOrDefault(partition, 0L);
    }

    /** True when dispatch cannot tell whom a consent change in flight concerns: hold business messages for everyone. */
    public synchronized boolean behind(Instant now) {
        if (latest == null || now.isAfter(latest.at().plus(staleAfter))) {
            return true;
        }
        return windowsCaughtUpWith == null || now.isAfter(windowsCaughtUpWith.plus(maxInboundDelay));
    }

    /** The cleared offsets by partition (empty before the first), for the cleanup of what no longer holds anyone. */
    public synchronized Map<Integer, Long> cleared() {
        return cleared == null ? Map.of() : Map.copyOf(cleared);
    }

    public synchronized Lag lag() {
        if (latest == null) {
            return new Lag(-1, -1, -1);
        }
        return new Lag(unread(latest.inboundEnd(), latest.consentCommitted()), unread(latest.changesEnd(), latest.projectionCommitted()),
                unread(latest.inboundEnd(), latest.windowsCommitted()));
    }

    private void clear(Map<Integer, Long> consentCommitted) {
        Map<Integer, Long> next = cleared == null ? new HashMap<>() : new HashMap<>(cleared);
        consentCommitted.forEach((p, o) -> next.merge(p, o, Math::max));
        cleared = next;
    }

    /** True when the consumer's offsets reach the end offsets on every partition (a partition it never committed is at 0). */
    private static boolean reaches(Map<Integer, Long> committed, Map<Integer, Long> end) {
        return end.entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private static long unread(Map<Integer, Long> end, Map<Integer, Long> committed) {
        return end.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L))).sum();
    }
}
