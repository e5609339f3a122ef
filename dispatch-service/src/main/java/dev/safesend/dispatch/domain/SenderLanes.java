package dev.safesend.dispatch.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One sender's messages waiting on this instance, and the order they are taken in: the urgent lane first in arrival
 * order, then the bulk lane by campaign priority ({@link PriorityLane}), at most one message per recipient at a time
 * and none whose recipient has a call in flight ("busy"), so a recipient's messages keep their order.
 * <p>
 * Threads: {@link #offer}, {@link #saturated} and the depths may be called from any thread (the lane consumer, the
 * gauges); everything else belongs to the one thread running the sender's turn, which moves arrivals into the lanes
 * with {@link #admitArrivals}.
 *
 * @param <T> the queued message; {@code urgent} tells its lane, {@code priorityOf} its campaign priority (may answer
 *            null), {@code recipientOf} its recipient, {@code stale} whether it is no longer this instance's to send
 *            (its partition was taken away): a stale message met in a lane is dropped
 */
public final class SenderLanes<T> {

    /** How many messages of one lane a pick looks at before giving up (every one may have a busy recipient). */
    static final int SCAN_LIMIT = 512;
    /** A lane counts as saturated from this many waiting messages at the least, however slow its sender. */
    static final int MIN_SATURATION = 200;

    private final Predicate<T> urgentOf;
    private final Function<T, String> recipientOf;
    private final Predicate<T> stale;
    private final ConcurrentLinkedQueue<T> intake = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<T> urgent = new ArrayDeque<>();
    private final PriorityLane<T> bulk;
    private final Set<String> busyRecipients = new HashSet<>();
    private final AtomicInteger waitingUrgent = new AtomicInteger();
    private final AtomicInteger waitingBulk = new AtomicInteger();
    private volatile int urgentDepth;
    private volatile int bulkDepth;

    public SenderLanes(Predicate<T> urgent, Function<T, Integer> priorityOf, Function<T, String> recipientOf, Predicate<T> stale) {
        this.urgentOf = urgent;
        this.recipientOf = recipientOf;
        this.stale = stale;
        this.bulk = new PriorityLane<>(priorityOf, recipientOf);
    }

    // ---- any thread ----------------------------------------------------------------------------------------

    /** A message arrives; it joins its lane at the next {@link #admitArrivals}. */
    public void offer(T item) {
        waiting(urgentOf.test(item)).incrementAndGet();
        intake.add(item);
    }

    /**
     * True when the lane holds more than its sender can send in {@code queueSeconds} at {@code messagesPerSecond}
     * (at least {@value #MIN_SATURATION}): time to stop fetching for it. Counts arrivals not yet admitted too.
     */
    public boolean saturated(boolean urgentLane, double messagesPerSecond, double queueSeconds) {
        return waiting(urgentLane).get() >= Math.max(MIN_SATURATION, (int) (messagesPerSecond * queueSeconds));
    }

    /** The urgent lane's size at the end of the last turn (see {@link #recordDepths}). */
    public int urgentDepth() {
        return urgentDepth;
    }

    /** The bulk lane's size at the end of the last turn (see {@link #recordDepths}). */
    public int bulkDepth() {
        return bulkDepth;
    }

    // ---- the sender's turn (one thread at a time) -----------------------------------------------------------

    /** Moves every message offered since the last turn into its lane, behind those waiting there. */
    public void admitArrivals() {
        for (T item; (item = intake.poll()) != null; ) {
            if (urgentOf.test(item)) {
                urgent.addLast(item);
            } else {
                bulk.addLast(item);
            }
        }
    }

    /** True when neither lane holds a message (arrivals not yet admitted aside). */
    public boolean isEmpty() {
        return urgent.isEmpty() && bulk.isEmpty();
    }

    /**
     * Takes up to {@code n} messages, urgent first, then at most {@code bulkRoom} from the bulk lane by priority; at most
     * one per recipient and none whose recipient is busy. In the bulk lane a recipient's message is taken only when it
     * is the oldest of theirs waiting: priority puts one recipient's messages before another's, never reorders one
     * recipient's own. Stale messages met on the way are dropped.
     */
    public List<T> pick(int n, int bulkRoom) {
        List<T> batch = new ArrayList<>(Math.min(n, 64));
        Set<String> recipients = new HashSet<>();
        for (Iterable<T> lane : List.<Iterable<T>>of(urgent, bulk)) {
            int scanned = 0;
            int limit = lane == bulk ? Math.min(n, batch.size() + Math.max(0, bulkRoom)) : n;
            for (Iterator<T> it = lane.iterator(); it.hasNext() && batch.size() < limit && scanned < SCAN_LIMIT; scanned++) {
                T item = it.next();
                if (stale.test(item)) {
                    it.remove();
                    waiting(urgentOf.test(item)).decrementAndGet();
                    continue;
                }
                String r = recipientOf.apply(item);
                if (busyRecipients.contains(r) || (lane == bulk && !bulk.isNextOfItsKey(item)) || !recipients.add(r)) {
                    continue;
                }
                it.remove();
                waiting(urgentOf.test(item)).decrementAndGet();
                batch.add(item);
            }
        }
        return batch;
    }

    /** Puts a message taken from its lane back in front of its lane (the bulk lane: in front of its priority). */
    public void putFirst(T item) {
        if (urgentOf.test(item)) {
            urgent.addFirst(item);
        } else {
            bulk.addFirst(item);
        }
        waiting(urgentOf.test(item)).incrementAndGet();
    }

    /** Empties both lanes: every message, urgent first then bulk by priority, but for the stale ones (dropped). */
    public List<T> takeAll() {
        List<T> all = new ArrayList<>(urgent);
        all.addAll(bulk);
        waitingUrgent.addAndGet(-urgent.size());
        waitingBulk.addAndGet(-bulk.size());
        urgent.clear();
        bulk.clear();
        return all.stream().filter(item -> !stale.test(item)).toList();
    }

    /** The recipient has a call in flight: none of their messages is picked until {@link #recipientFree}. */
    public void recipientBusy(String recipient) {
        busyRecipients.add(recipient);
    }

    /** The recipient's call was answered: their next message may be picked. */
    public void recipientFree(String recipient) {
        busyRecipients.remove(recipient);
    }

    /** Publishes the lanes' sizes for {@link #urgentDepth} and {@link #bulkDepth} (at the end of a turn). */
    public void recordDepths() {
        urgentDepth = urgent.size();
        bulkDepth = bulk.size();
    }

    private AtomicInteger waiting(boolean urgentLane) {
        return urgentLane ? waitingUrgent : waitingBulk;
    }
}
