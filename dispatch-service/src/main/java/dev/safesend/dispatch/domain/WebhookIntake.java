package dev.safesend.dispatch.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether Meta's webhooks reach safesend now, and whether one that did not may still be on its way: the first hop of
 * the opt-out path, before anything is on Kafka.
 * <p>
 * A STOP that ingest could not take (ingest down, or it answered an error because it could not store or publish) is
 * invisible to every part of safesend until Meta retries it. So each ingest instance beats (wa.intake-beats.v1) every
 * ~100 ms, naming when it last refused a delivery carrying user messages or account signals, and says goodbye on a
 * clean stop. Business messages are held for everyone:
 * <ul>
 *   <li>while no instance is <em>live</em> (beat within {@code staleAfter}): Meta's deliveries are failing now;</li>
 *   <li>while a live instance's oldest delivery carrying user messages has waited longer than {@code maxPending}
 *   (ingest is behind: a STOP may sit in it, not yet on Kafka);</li>
 *   <li>for {@code retryWindow} after a <em>disruption</em>: a refusal an instance reported; an instance lost without
 *   a goodbye (its unanswered deliveries are retried elsewhere); or the first beat after a time in which no instance
 *   was live, clean stop or not (every delivery of that time failed and is being retried).</li>
 * </ul>
 * The first beat ever seen is no disruption: there is no evidence of a gap before it (a dispatch that starts reads
 * the beats of a look-back period first, so a gap inside that period is seen; ingest down for longer than that when
 * dispatch starts is not). A beat counts as seen at the earlier
 * of its own time and the time it was read: a clock ahead on ingest's side cannot make a beat look fresher than it is.
 * Pure state, fed and asked by one watcher thread and the pacers: synchronized.
 */
public final class WebhookIntake {

    /**
     * One instance's beat. {@code lastRefusedAt} null: it refused nothing since it started; {@code oldestPending}
     * null: it is working on no delivery that carries user messages, else how long the oldest has waited at {@code at}.
     */
    public record Beat(String instance, Instant at, Instant startedAt, Instant lastRefusedAt, Duration oldestPending,
                       boolean stopping) {
    }

    /** Why business messages are held, if they are. */
    public enum Hold {
        /** Webhooks reach safesend and nothing refused lately can still be on its way. */
        NONE,
        /** No ingest instance beats: Meta's deliveries are failing now. */
        NO_INSTANCE,
        /** An instance has been working on a delivery carrying user messages for longer than allowed: a STOP may wait in it. */
        INTAKE_BEHIND,
        /** Within the retry window of a disruption: Meta may still be retrying a STOP. */
        RETRY_WINDOW
    }

    private final Duration staleAfter;
    private final Duration maxPending;
    private final Duration retryWindow;
    private final Duration forgetAfter;
    private final Map<String, Seen> instances = new HashMap<>();
    private Instant disruptedAt;
    private boolean everSeen;

    private static final class Seen {
        Beat beat;
        Instant seenAt;
        boolean lost;

        Seen(Beat beat, Instant seenAt) {
            this.beat = beat;
            this.seenAt = seenAt;
        }
    }

    /**
     * @param staleAfter  an instance whose last beat is older is not live (several beat intervals)
     * @param maxPending  how long a delivery carrying user messages may wait in ingest before everyone is held
     * @param retryWindow how long after a disruption Meta may still retry a delivery that failed in it
     * @param forgetAfter instances not heard of for this long are forgotten (at least the look-back period)
     */
    public WebhookIntake(Duration staleAfter, Duration maxPending, Duration retryWindow, Duration forgetAfter) {
        this.staleAfter = staleAfter;
        this.maxPending = maxPending;
        this.retryWindow = retryWindow;
        this.forgetAfter = forgetAfter;
    }

    /** A beat, read at {@code readAt}; beats must be observed in the order they were written (one partition). */
    public synchronized void observe(Beat beat, Instant readAt) {
        Instant seenAt = beat.at().isBefore(readAt) ? beat.at() : readAt;
        advance(seenAt);
        boolean anyoneLive = instances.values().stream().anyMatch(s -> live(s, seenAt));
        Seen known = instances.get(beat.instance());
        if (everSeen && !anyoneLive && !beat.stopping()) {
            disrupted(seenAt); // the first beat after a time without a live instance
        }
        if (known != null && !known.beat.stopping() && !known.beat.startedAt().equals(beat.startedAt())) {
            disrupted(beat.startedAt()); // the same name restarted without a goodbye
        }
        if (beat.lastRefusedAt() != null) {
            disrupted(beat.lastRefusedAt());
        }
        if (known == null || !known.beat.at().isAfter(beat.at())) {
            instances.put(beat.instance(), new Seen(beat, seenAt));
        }
        everSeen = true;
    }

    /** What holds business messages now. */
    public synchronized Hold hold(Instant now) {
        advance(now);
        if (instances.values().stream().noneMatch(s -> live(s, now))) {
            return Hold.NO_INSTANCE;
        }
        if (instances.values().stream().anyMatch(s -> live(s, now) && s.beat.oldestPending() != null
                && s.beat.oldestPending().plus(Duration.between(s.seenAt, now)).compareTo(maxPending) > 0)) {
            return Hold.INTAKE_BEHIND; // the wait it reported, plus the time since dispatch saw the beat
        }
        return disruptedAt != null && now.isBefore(disruptedAt.plus(retryWindow)) ? Hold.RETRY_WINDOW : Hold.NONE;
    }

    /** Instances beating now (for the health check and the metrics). */
    public synchronized long liveInstances(Instant now) {
        return instances.values().stream().filter(s -> live(s, now)).count();
    }

    /** The end of the current retry window, null when none is open. */
    public synchronized Instant heldUntil(Instant now) {
        Instant until = disruptedAt == null ? null : disruptedAt.plus(retryWindow);
        return until != null && until.isAfter(now) ? until : null;
    }

    private boolean live(Seen s, Instant at) {
        return !s.beat.stopping() && !s.lost && !at.isAfter(s.seenAt.plus(staleAfter));
    }

    /** Marks the instances that stopped beating without a goodbye by {@code at} as lost, and forgets old ones. */
    private void advance(Instant at) {
        for (Iterator<Seen> it = instances.values().iterator(); it.hasNext(); ) {
            Seen s = it.next();
            Instant staleAt = s.seenAt.plus(staleAfter);
            if (!s.beat.stopping() && !s.lost && at.isAfter(staleAt)) {
                s.lost = true;
                disrupted(staleAt);
            }
            if (at.isAfter(s.seenAt.plus(forgetAfter))) {
                it.remove();
            }
        }
    }

    private void disrupted(Instant at) {
        if (disruptedAt == null || at.isAfter(disruptedAt)) {
            disruptedAt = at;
        }
    }
}
