package dev.safesend.ingest.domain.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replays a campaign in 10-second steps in two stages, as the platform runs it, and says when the last recipient
 * will have a final state (null: not within the horizon, e.g. a window that never opens on the days left).
 *
 * <ol>
 *   <li><b>Release</b> (ingest): {@link ReleasePlan}'s rules (send windows in the recipients' local time, weekend
 *   share, hourly and daily ceilings) at the senders' rate. The releaser does not look at the portfolio budget: a
 *   message dispatch holds leaves ingest's lanes all the same.</li>
 *   <li><b>Send</b> (dispatch's gate, rule 8): each released message opens a conversation with a new recipient and
 *   takes a place in the portfolio's unique-recipient budget for one {@link Budget#window() window} (Meta's 24 h;
 *   dispatch's {@code safesend.dispatch.budget.window}). While the budget is full the gate defers the message until
 *   the oldest counted opening leaves the window, then sends it, whatever the campaign's send windows say (dispatch
 *   does not know them). So a step sends what waits, up to the room in the budget and the senders' rate; what this
 *   replay sent frees its places exactly one window later. The openings counted before the forecast (dispatch's
 *   {@code usedLast24h}, this campaign's and others') are known only by their count and when the oldest of them
 *   leaves ({@code freesAt}): they are taken to leave evenly between that time and one window after dispatch was read
 *   (all of them were opened by then). A message that waits in dispatch longer than its time to live expires there
 *   (a final state too). Other campaigns' future openings in the same portfolio are not replayed.</li>
 * </ol>
 * Without a budget the second stage sends what the first releases in the same step, and the completion is the last
 * release's step.
 */
public final class CampaignForecast {

    /** The longest a forecast looks ahead. */
    public static final Duration HORIZON = Duration.ofDays(30);
    /** The replay's step: fine enough that a window opening on the minute is seen within 10 s. */
    static final Duration STEP = Duration.ofSeconds(10);
    private static final long HOUR = Duration.ofHours(1).dividedBy(STEP);
    private static final long DAY = Duration.ofDays(1).dividedBy(STEP);
    /** Meta's rolling window of the portfolio budget, assumed when dispatch does not say. */
    public static final Duration META_BUDGET_WINDOW = Duration.ofHours(24);

    /**
     * The portfolio's unique-recipient budget as dispatch reports it ({@code GET /v1/senders/{id}/quota}).
     *
     * @param used          unique recipients counted in the window when read (may exceed a lowered limit)
     * @param limit         the limit the gate applies (the tier); Long.MAX_VALUE: none
     * @param window        the rolling window the budget is counted over (Meta: 24 h)
     * @param oldestFreesAt when the oldest counted opening leaves the window; null when none is counted
     * @param readAt        when dispatch was read
     */
    public record Budget(long used, long limit, Duration window, Instant oldestFreesAt, Instant readAt) {

        /** No budget: every released message is sent at once. */
        public static final Budget NONE = new Budget(0, Long.MAX_VALUE, META_BUDGET_WINDOW, null, null);

        public Budget {
            used = Math.max(0, used);
            window = window == null || window.isNegative() || window.isZero() ? META_BUDGET_WINDOW : window;
        }

        public boolean limited() {
            return limit != Long.MAX_VALUE;
        }

        /** What is left of the limit when read (Long.MAX_VALUE: none). */
        public long left() {
            return limited() ? Math.max(0, limit - used) : Long.MAX_VALUE;
        }

        /** How many of the openings counted when read have left the window by {@code t}. */
        long rolledOffBy(Instant t) {
            if (used == 0) {
                return 0;
            }
            Instant read = readAt == null ? t : readAt;
            Instant last = read.plus(window); // every counted opening was made by the time dispatch was read
            Instant first = oldestFreesAt == null || oldestFreesAt.isAfter(last) ? last : oldestFreesAt;
            if (t.isBefore(first)) {
                return 0;
            }
            if (!t.isBefore(last)) {
                return used;
            }
            // the oldest leaves at `first`, the rest spread evenly up to `last`
            double share = (double) Duration.between(first, t).toMillis() / Duration.between(first, last).toMillis();
            return Math.min(used, 1 + (long) Math.floor(share * (used - 1)));
        }
    }

    private CampaignForecast() {
    }

    /** {@link #completion(ReleasePlan, Map, Instant, double, long, long, Budget, long, Duration)} with nothing in dispatch and no time to live. */
    public static Instant completion(ReleasePlan plan, Map<ZoneId, Long> remaining, Instant from, double sendersPerSecond,
                                     long releasedLastHour, long releasedLastDay, Budget budget) {
        return completion(plan, remaining, from, sendersPerSecond, releasedLastHour, releasedLastDay, budget, 0, null);
    }

    /**
     * @param remaining        recipients still to release, by zone
     * @param sendersPerSecond the campaign's senders' combined rate (throttle applied)
     * @param budget           the portfolio budget ({@link Budget#NONE}: none)
     * @param waiting          messages released already and not yet sent (in dispatch's lanes or deferred there)
     * @param ttl              how long a released message may wait in dispatch (null: forever)
     */
    public static Instant completion(ReleasePlan plan, Map<ZoneId, Long> remaining, Instant from, double sendersPerSecond,
                                     long releasedLastHour, long releasedLastDay, Budget budget, long waiting, Duration ttl) {
        Map<ZoneId, Long> left = new HashMap<>(remaining);
        left.values().removeIf(v -> v <= 0);
        if (left.isEmpty() && waiting <= 0) {
            return from;
        }
        Budget b = budget == null ? Budget.NONE : budget;
        Instant t = from;
        double perStep = plan.ratePerSecond(sendersPerSecond) * STEP.toSeconds();
        long sendPerStep = (long) Math.ceil(sendersPerSecond * STEP.toSeconds());
        long windowSteps = Math.max(1, ceilDiv(b.window().toMillis(), STEP.toMillis()));
        long ttlSteps = ttl == null ? Long.MAX_VALUE : Math.max(1, ceilDiv(ttl.toMillis(), STEP.toMillis()));
        ArrayDeque<long[]> lastHour = new ArrayDeque<>();   // [step index, released]
        ArrayDeque<long[]> lastDay = new ArrayDeque<>();
        long hour = releasedLastHour;
        long day = releasedLastDay;
        ArrayDeque<long[]> pending = new ArrayDeque<>();    // [step released, waiting in dispatch], oldest first
        long pendingCount = 0;
        if (waiting > 0) {
            pending.add(new long[] {0, waiting}); // their time to live is counted from now: they may have less
            pendingCount = waiting;
        }
        ArrayDeque<long[]> opened = new ArrayDeque<>();     // [step sent, openings] of this replay, still in the window
        long openedInWindow = 0;
        double carry = 0;
        long steps = HORIZON.dividedBy(STEP);
        for (long m = 0; m < steps; m++, t = t.plus(STEP)) {
            if (m == HOUR) {
                hour -= releasedLastHour; // what was released before the forecast has left the hour by now
            }
            if (m == DAY) {
                day -= releasedLastDay;
            }
            while (!lastHour.isEmpty() && lastHour.peekFirst()[0] <= m - HOUR) {
                hour -= lastHour.pollFirst()[1];
            }
            while (!lastDay.isEmpty() && lastDay.peekFirst()[0] <= m - DAY) {
                day -= lastDay.pollFirst()[1];
            }
            while (!opened.isEmpty() && opened.peekFirst()[0] <= m - windowSteps) {
                openedInWindow -= opened.pollFirst()[1];
            }
            // 1. release
            long releasedNow = 0;
            if (plan.started(t) && !left.isEmpty()) {
                long room = plan.ceilingRoom(hour, day);
                double stepCapacity = carry + perStep * plan.factor(left, t);
                long capacity = (long) Math.floor(stepCapacity);
                carry = stepCapacity - capacity;
                capacity = Math.min(capacity, room);
                for (Map.Entry<ZoneId, Long> e : new LinkedHashMap<>(left).entrySet()) {
                    if (capacity <= 0) {
                        break;
                    }
                    if (plan.factor(e.getKey(), t) <= 0) {
                        continue;
                    }
                    long n = Math.min(capacity, e.getValue());
                    capacity -= n;
                    releasedNow += n;
                    if (n == e.getValue()) {
                        left.remove(e.getKey());
                    } else {
                        left.put(e.getKey(), e.getValue() - n);
                    }
                }
            }
            if (releasedNow > 0) {
                hour += releasedNow;
                day += releasedNow;
                lastHour.add(new long[] {m, releasedNow});
                lastDay.add(new long[] {m, releasedNow});
                pending.add(new long[] {m, releasedNow});
                pendingCount += releasedNow;
            }
            // 2. what waited past its time to live expires in dispatch
            while (!pending.isEmpty() && pending.peekFirst()[0] <= m - ttlSteps) {
                pendingCount -= pending.pollFirst()[1];
            }
            // 3. send, oldest first, as far as the budget and the senders' rate allow
            long sendable = Math.min(pendingCount, Math.max(sendPerStep, releasedNow));
            if (b.limited()) {
                long inWindow = b.used() - b.rolledOffBy(t) + openedInWindow;
                sendable = Math.min(sendable, Math.max(0, b.limit() - inWindow));
            }
            if (sendable > 0) {
                pendingCount -= sendable;
                for (long n = sendable; n > 0; ) {
                    long[] first = pending.peekFirst();
                    long take = Math.min(n, first[1]);
                    first[1] -= take;
                    n -= take;
                    if (first[1] == 0) {
                        pending.pollFirst();
                    }
                }
                if (b.limited()) {
                    opened.add(new long[] {m, sendable});
                    openedInWindow += sendable;
                }
            }
            if (left.isEmpty() && pendingCount == 0) {
                return t.plus(STEP);
            }
        }
        return null;
    }

    /**
     * What is left to release per zone once recipients dispatch will suppress anyway (a dormant contact's marketing)
     * are taken out: never below zero, and a zone left empty is dropped.
     */
    public static Map<ZoneId, Long> less(Map<ZoneId, Long> remaining, Map<ZoneId, Long> suppressed) {
        Map<ZoneId, Long> left = new LinkedHashMap<>();
        remaining.forEach((zone, n) -> {
            long rest = n - Math.max(0, suppressed.getOrDefault(zone, 0L));
            if (rest > 0) {
                left.put(zone, rest);
            }
        });
        return left;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
