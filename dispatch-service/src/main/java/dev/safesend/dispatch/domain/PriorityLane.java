package dev.safesend.dispatch.domain;

import java.util.AbstractCollection;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A sender's bulk lane in memory: messages in priority order (P1 before P2 before P3 before P4), first come first
 * served within one priority. A message without a priority (not part of a campaign) counts as {@link #DEFAULT} (P2).
 * A priority outside 1–4 is taken as the nearest one. Iteration follows the same order and may remove the message
 * just returned, so a scan can skip messages it cannot take yet (their recipient is busy) without losing their place.
 * <p>
 * Priority orders different recipients, never one recipient's own messages: {@link #isNextOfItsKey} tells whether a
 * message is the oldest one waiting for its key (the recipient), and only that one may be taken. So a recipient's
 * P2 message queued after their P3 message still goes after it, while other recipients' P2 messages go first.
 *
 * @param <T> the queued message; {@code priorityOf} reads its priority (may answer null), {@code keyOf} its recipient
 */
public final class PriorityLane<T> extends AbstractCollection<T> {

    public static final int HIGHEST = 1;
    public static final int LOWEST = 4;
    /** The priority of a message that has none. */
    public static final int DEFAULT = 2;

    private final Function<T, Integer> priorityOf;
    private final Function<T, String> keyOf;
    /** Per key, its waiting messages in arrival order (a message put back goes in front again). */
    private final Map<String, ArrayDeque<T>> byKey = new HashMap<>();
    @SuppressWarnings("unchecked")
    private final ArrayDeque<T>[] byPriority = new ArrayDeque[LOWEST - HIGHEST + 1];
    private int size;

    public PriorityLane(Function<T, Integer> priorityOf, Function<T, String> keyOf) {
        this.priorityOf = priorityOf;
        this.keyOf = keyOf;
        for (int i = 0; i < byPriority.length; i++) {
            byPriority[i] = new ArrayDeque<>();
        }
    }

    /** The priority a message is served at: null means {@link #DEFAULT}, anything outside 1–4 the nearest of them. */
    public static int effective(Integer priority) {
        if (priority == null) {
            return DEFAULT;
        }
        return Math.max(HIGHEST, Math.min(LOWEST, priority));
    }

    private ArrayDeque<T> queueOf(T item) {
        return byPriority[effective(priorityOf.apply(item)) - HIGHEST];
    }

    /** Queues a newly arrived message behind every message of its priority. */
    public void addLast(T item) {
        queueOf(item).addLast(item);
        byKey.computeIfAbsent(keyOf.apply(item), k -> new ArrayDeque<>(2)).addLast(item);
        size++;
    }

    /** Puts a message back in front of every message of its priority (it was taken and could not be handled yet). */
    public void addFirst(T item) {
        queueOf(item).addFirst(item);
        byKey.computeIfAbsent(keyOf.apply(item), k -> new ArrayDeque<>(2)).addFirst(item);
        size++;
    }

    /** True when no message with the same key has been waiting longer: only such a message may be taken. */
    public boolean isNextOfItsKey(T item) {
        ArrayDeque<T> waiting = byKey.get(keyOf.apply(item));
        return waiting != null && waiting.peekFirst() == item;
    }

    private void forget(T item) {
        String key = keyOf.apply(item);
        ArrayDeque<T> waiting = byKey.get(key);
        if (waiting == null) {
            return;
        }
        if (waiting.peekFirst() == item) {
            waiting.pollFirst();
        } else {
            waiting.removeIf(x -> x == item);
        }
        if (waiting.isEmpty()) {
            byKey.remove(key);
        }
    }

    @Override
    public boolean add(T item) {
        addLast(item);
        return true;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void clear() {
        for (ArrayDeque<T> q : byPriority) {
            q.clear();
        }
        byKey.clear();
        size = 0;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private int priority;
            private Iterator<T> current = byPriority[0].iterator();
            private Iterator<T> last;
            private T lastItem;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && priority < byPriority.length - 1) {
                    current = byPriority[++priority].iterator();
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                last = current;
                lastItem = current.next();
                return lastItem;
            }

            @Override
            public void remove() {
                if (last == null) {
                    throw new IllegalStateException("next() first");
                }
                last.remove();
                forget(lastItem);
                last = null;
                lastItem = null;
                size--;
            }
        };
    }
}
