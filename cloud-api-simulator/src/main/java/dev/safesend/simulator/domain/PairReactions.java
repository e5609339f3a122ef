package dev.safesend.simulator.domain;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What people of the simulated population did to business numbers, per (phone-number-id, person):
 * who blocked the number (later messages from it fail with 131026) and who already wrote it "STOP"
 * (a STOP recipient writes it once). Thread-safe; kept until {@link #reset()}.
 */
public final class PairReactions {

    /** The asynchronous failure of a message to a person who blocked the sending number. */
    public static final Rejection BLOCKED = new Rejection(MetaError.UNDELIVERABLE,
            "Message Undeliverable. (simulated population: the recipient blocked this business phone number)");

    private final Set<PairKey> blocked = ConcurrentHashMap.newKeySet();
    private final Set<PairKey> stopWritten = ConcurrentHashMap.newKeySet();

    public void block(PairKey pair) {
        blocked.add(pair);
    }

    public boolean isBlocked(PairKey pair) {
        return blocked.contains(pair);
    }

    /** Records that the person wrote "STOP" to the number; true only the first time. */
    public boolean recordStop(PairKey pair) {
        return stopWritten.add(pair);
    }

    /** The business numbers the person blocked, in id order. */
    public List<String> blockedBy(String personKey) {
        return numbersOf(blocked, personKey);
    }

    /** The business numbers the person wrote "STOP" to, in id order. */
    public List<String> stopsWrittenBy(String personKey) {
        return numbersOf(stopWritten, personKey);
    }

    public int size() {
        return blocked.size() + stopWritten.size();
    }

    public void reset() {
        blocked.clear();
        stopWritten.clear();
    }

    private static List<String> numbersOf(Set<PairKey> pairs, String personKey) {
        return pairs.stream().filter(pair -> pair.waId().equals(personKey)).map(PairKey::phoneNumberId).sorted().toList();
    }
}
